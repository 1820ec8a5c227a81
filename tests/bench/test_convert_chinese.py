"""The Chinese data set's converter: pages decoded as UTF-8 or GB18030, gold from the hand-copied lines."""

from __future__ import annotations

from bench.convert_chinese import convert, decoded
from bench.gold_corpus import gold_lines, index_rows

PAGE = (
    "<html><head><meta charset='gb2312'><link rel='canonical' href='http://news.example.cn/a.html'></head>"
    "<body><div>首页</div><p>市民在<a href='/x'>广场</a>参加活动，气氛热烈。</p><p> </p><p>责任编辑：王燕</p></body></html>"
)


def test_pages_are_utf8_when_valid_else_gb18030():
    assert decoded("天气".encode()) == "天气"
    assert decoded("天气".encode("gbk")) == "天气"
    assert decoded("镕".encode("gbk")) == "镕"  # a GBK character outside GB2312, on a page that declares gb2312


def test_gold_is_the_non_blank_lines_with_whitespace_collapsed():
    assert gold_lines("市民在广场\n  参加活动。 \n\n 气氛  热烈 \n") == ["市民在广场", "参加活动。", "气氛 热烈"]


def test_convert_writes_pages_and_nulls_the_gold_of_pages_whose_body_is_not_in_p(tmp_path):
    source = tmp_path / "zh"
    (source / "original").mkdir(parents=True)
    (source / "cleaned").mkdir()
    pages = {
        "0a1b2c3d-0000-0000-0000-000000000001": (PAGE, "市民在广场参加活动，气氛热烈。\n"),
        "0a1b2c3d-0000-0000-0000-000000000002": ("<div>正文不在段落里。</div><p>首页</p>", "正文不在段落里。\n"),
    }
    for uuid, (html, cleaned) in pages.items():
        (source / "original" / f"{uuid}.html").write_bytes(html.encode("gbk"))
        (source / "cleaned" / f"{uuid}.txt").write_text(cleaned, encoding="utf-8-sig")  # some start with a BOM
    assert convert(source, tmp_path / "out") == 1
    rows = index_rows(tmp_path / "out")
    assert rows == [
        {
            "file": "000_0a1b2c3d00000000.txt",
            "url": "http://news.example.cn/a.html",
            "gold": ["市民在广场参加活动，气氛热烈。"],
        },
        {"file": "001_0a1b2c3d00000000.txt", "url": None, "gold": None},
    ]
    assert (tmp_path / "out" / "000_0a1b2c3d00000000.txt").read_text(encoding="utf-8") == repr(
        ['市民在<a href="/x">广场</a>参加活动，气氛热烈。', "责任编辑：王燕"]
    )
