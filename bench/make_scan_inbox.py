#!/usr/bin/env python3
"""A scan-heavy inbox for bench/bench_ofd.sh (issue 15 §5): N one-page PDFs, each a whole-page JPEG
(DCTDecode) as an office scanner or a phone app writes them, from the JPEG pages in SRC (e.g. made
by `pdftoppm -r 200 -gray -jpeg` from other PDFs), cycled. Standard library only; deterministic.

    bench/make_scan_inbox.py SRC_DIR OUT_DIR [N=30]
"""
import os
import struct
import sys


def jpeg_size(data):
    """(width, height, components) from the first SOF marker (ISO/IEC 10918-1 B.2.2)."""
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            raise ValueError("not a JPEG marker")
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h, data[i + 9]
        i += 2 + length
    raise ValueError("no SOF marker")


def scan_pdf(jpeg):
    w, h, comps = jpeg_size(jpeg)
    page_w, page_h = 595, 842  # A4 in points: the scan fills the page
    content = f"q {page_w} 0 0 {page_h} 0 0 cm /Im0 Do Q\n".encode()
    space = "/DeviceGray" if comps == 1 else "/DeviceRGB"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page_w} {page_h}] "
        f"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".encode(),
        f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace {space} "
        f"/BitsPerComponent 8 /Filter /DCTDecode /Length {len(jpeg)} >>\nstream\n".encode() + jpeg + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def main():
    src, out = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    jpegs = sorted(f for f in os.listdir(src) if f.lower().endswith((".jpg", ".jpeg")))
    if not jpegs:
        sys.exit(f"make_scan_inbox: no JPEG in {src}")
    os.makedirs(os.path.join(out, "扫描件"), exist_ok=True)
    for i in range(n):
        with open(os.path.join(src, jpegs[i % len(jpegs)]), "rb") as f:
            jpeg = f.read()
        # A COM segment after SOI makes each file its own (no two are duplicates of each other).
        note = f"scan {i + 1}".encode()
        jpeg = jpeg[:2] + b"\xff\xfe" + struct.pack(">H", len(note) + 2) + note + jpeg[2:]
        pdf = scan_pdf(jpeg)
        with open(os.path.join(out, "扫描件", f"扫描件{i + 1:03d}.pdf"), "wb") as f:
            f.write(pdf)


if __name__ == "__main__":
    main()
