#include "ingest/problem_text.h"

#include <utility>

namespace lh::ingest {

namespace {
constexpr const char* kNoTextLayer = "scanned images without a text layer";  // ingest/pdf_reader.cpp
}  // namespace

bool is_no_text_layer_note(const std::string& message) { return message.find(kNoTextLayer) != std::string::npos; }

std::string read_problem_text(const std::string& message) {
  static const std::pair<const char*, const char*> kSense[] = {
      {"were replaced by U+FFFD", "部分字节不符合文本的编码，读取时以替换符代替"},
      {"does not fit the bytes; decoded as", "文件声明的字符集与内容不符，已按检测到的编码读取"},
      {"is unknown; detected instead", "文件声明的字符集无法识别，已按检测到的编码读取"},
      {"PNG is truncated after the image data", "PNG 文件在图像数据之后已损坏，图像本身完整"},
      {"picture(s) missing from the package", "文档包中缺少图片"},
      {"chart(s) or diagram(s) not read", "图表未读取"},
      {"embedded object(s) not read", "嵌入的对象未读取"},
      {"footnote(s) or endnote(s) not read", "脚注或尾注未读取"},
      {"(w:altChunk) was not read", "导入的内容块未读取"},
      {kNoTextLayer, "扫描页，没有文字层"},
      {"pages the page tree claims cannot be loaded", "部分页面无法载入"},
      {"(mojibake)", "提取的文字疑似乱码（字体编码有误）"},
      {"PDF was encrypted; opened with the configured password", "PDF 已加密，已用配置的密码打开"},
      {"permissions forbid copying text", "PDF 权限禁止复制文字，已为归档提取文字"},
      {"entry names carry no UTF-8 flag", "压缩包的条目名未标明 UTF-8，已按 GB18030 解码"},
      {"as the path separator", "压缩包的条目名以反斜杠分隔路径"},
      {"inspection-record.xsd", "不符合检查记录的格式"},
      {"rows were read (sheet too large)", "工作表过大，只读取了前面部分的行"},
      {"its part is missing", "工作表的部件缺失"},
      {"a quoted field is not closed", "有引号字段未闭合"},
      {"documents; only the first was read", "OFD 含多个文档，只读取了第一个"},
      {"file is empty", "文件为空"},
  };
  for (const auto& [phrase, sense] : kSense)
    if (message.find(phrase) != std::string::npos) return std::string(sense) + "：" + message;
  return message;
}

}  // namespace lh::ingest
