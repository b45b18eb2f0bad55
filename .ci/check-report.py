#!/usr/bin/env python3
"""Checks the HTML report as headless Chromium rendered it (standard library only).

usage: check-report.py RESULTS.json SCREENSHOT.png DOM.html...

- the screenshot is not blank: enough pixels that are not white, in many
  colours, among them the charts' blue figures and red threshold;
- the rendered DOM holds one article per result and one chart (<svg>) per
  result with evidence (the targets with figures), as the results document
  of the same evaluation says.
"""
import json
import re
import struct
import sys
import zlib


def pixels(path):
    """The RGB pixels of an 8-bit, non-interlaced PNG (truecolour, with or without alpha)."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat = 8, b""
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    if depth != 8 or colour not in (2, 6) or interlace:
        sys.exit(f"{path}: unexpected PNG format (depth {depth}, colour {colour}, interlace {interlace})")
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    prev, out, i = bytearray(stride), [], 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out.extend(tuple(line[x : x + 3]) for x in range(0, stride, bpp))
        prev = line
    return width, height, out


def main(results_path, png, *dom_paths):
    width, height, px = pixels(png)
    inked = sum(1 for p in px if min(p) < 230)
    colours = set(px)
    share = inked / len(px)
    print(f"screenshot {width}x{height}: {share:.1%} inked, {len(colours)} colours")
    if share < 0.02 or len(colours) < 50:
        sys.exit("the screenshot is blank")
    for name, rgb in [("figures (blue)", (0x1F, 0x4E, 0x9C)), ("threshold (red)", (0xB4, 0x23, 0x18))]:
        if rgb not in colours:
            sys.exit(f"no chart drawn in the screenshot: no {name} pixel")

    results = json.load(open(results_path))["results"]
    with_figures = sum(1 for r in results if r.get("evidence") is not None)
    for dom_path in dom_paths:
        dom = open(dom_path, encoding="utf-8").read()
        articles = len(re.findall(r"<article\b", dom))
        charts = len(re.findall(r"<svg\b", dom))
        print(f"{dom_path}: {articles} targets, {charts} charts; {with_figures} targets with figures")
        if articles != len(results):
            sys.exit(f"{articles} targets in the page, {len(results)} results")
        if charts != with_figures:
            sys.exit(f"{charts} charts for {with_figures} targets with figures")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
