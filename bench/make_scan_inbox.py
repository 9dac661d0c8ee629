#!/usr/bin/env python3
"""A scan-heavy inbox for bench/bench_ofd.sh (issue 15 §5): N one-page PDFs, each a whole-page JPEG
(DCTDecode) as an office scanner or a phone app writes them, from the JPEG pages in SRC (e.g. made
by `pdftoppm -r 200 -gray -jpeg` from other PDFs), cycled. Standard library only; deterministic.

    bench/make_scan_inbox.py SRC_DIR OUT_DIR [N=30]
"""
import hashlib
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from make_samples import _PdfWriter  # noqa: E402  (the project's one PDF writer for generated inputs)


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


def scan_pdf(jpeg, n):
    """One A4 page (595 x 842 pt) that the scan fills, through make_samples.py's PDF writer."""
    w, h, comps = jpeg_size(jpeg)
    pdf = _PdfWriter()
    catalog, pages, page = pdf.reserve(), pdf.reserve(), pdf.reserve()
    space = "/DeviceGray" if comps == 1 else "/DeviceRGB"
    image = pdf.stream(jpeg, f"/Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace {space} "
                             "/BitsPerComponent 8 /Filter /DCTDecode ", compress=False)
    content = pdf.stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q\n")
    pdf.set(catalog, f"<< /Type /Catalog /Pages {pages} 0 R >>")
    pdf.set(pages, f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>")
    pdf.set(page, f"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] "
                  f"/Resources << /XObject << /Im0 {image} 0 R >> >> /Contents {content} 0 R >>")
    info = pdf.add(f"<< /Producer (make_scan_inbox.py) /Title (scan {n}) >>")
    return pdf.finish(catalog, info, hashlib.md5(jpeg).digest())


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
        pdf = scan_pdf(jpeg, i + 1)
        with open(os.path.join(out, "扫描件", f"扫描件{i + 1:03d}.pdf"), "wb") as f:
            f.write(pdf)


if __name__ == "__main__":
    main()
