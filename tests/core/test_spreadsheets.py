import io

import pytest
from openpyxl import load_workbook

from sustainai.core.spreadsheets import csv_lines, csv_text, safe_cell, xlsx_bytes


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 1 23", "'+33 1 23"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\x00=1", "'=1"),
        ("a\x00b\x07c\x1fd\x7fe", "abcde"),
        ("line one\nline two\ttab", "line one\nline two\ttab"),
        ("ok", "ok"),
        (-3, -3),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_csv_escapes_header_and_cells_and_streams_with_a_bom():
    lines = list(csv_lines(["name", "=note"], [["=1+1", 2]], bom=True))
    assert lines == ["\ufeff", "name,'=note\r\n", "'=1+1,2\r\n"]
    assert csv_text(["a"], [["b\x00"]]) == "a\r\nb\r\n"


def test_xlsx_holds_text_not_formulas_and_survives_control_characters():
    content = xlsx_bytes([("sheet", ["name"], [['=HYPERLINK("x")'], ["bad\x00byte"]])])
    sheet = load_workbook(io.BytesIO(content)).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == [
        "name",
        '\'=HYPERLINK("x")',
        "badbyte",
    ]
    assert sheet["A2"].data_type == "s"


def test_xlsx_with_a_bold_frozen_first_sheet():
    content = xlsx_bytes(
        [("one", ["h"], [[1]]), ("two", ["k"], [[2]])], bold_header=True, freeze="B2"
    )
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["one", "two"]
    assert book["one"]["A1"].font.bold is True
    assert book["one"].freeze_panes == "B2"
    assert book["two"].freeze_panes is None
