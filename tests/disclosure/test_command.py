"""``sustainai transparency aggregate``: the offline command and its refusals."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

HEADER = "organisation,group_of_companies,metric,value,region,sector\n"
ROWS = (
    "A,,energy_kwh,100,EU,health\n"
    "B,,energy_kwh,120,EU,health\n"
    "C,,energy_kwh,90,EU,health\n"
    "D,,energy_kwh,500,EU,finance\n"
    "E,,energy_kwh,80,US,health\n"
    "F,Holding,energy_kwh,70,US,health\n"
    "G,Holding,energy_kwh,60,US,health\n"
    "H,,energy_kwh,110,US,finance\n"
    "I,,energy_kwh,100,US,finance\n"
    "J,,energy_kwh,95,US,finance\n"
    "A,,water_l,7,EU,health\n"
)


def run(tmp_path, text, *args):
    path = tmp_path / "contributions.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("transparency", "aggregate", str(path), *args, stdout=out)
    return out.getvalue()


def test_one_way_json(tmp_path):
    result = json.loads(run(tmp_path, HEADER + ROWS, "--metric", "energy_kwh", "--by", "region"))
    assert result == {
        "cells": [
            {
                "group": {"region": "EU"},
                "value": 810.0,
                "contributors": 4,
                "suppressed": False,
                "reason": None,
            },
            # F and G belong to one holding: six organisations, five contributors.
            {
                "group": {"region": "US"},
                "value": 515.0,
                "contributors": 5,
                "suppressed": False,
                "reason": None,
            },
        ],
        "total": {
            "group": {},
            "value": 1325.0,
            "contributors": 9,
            "suppressed": False,
            "reason": None,
        },
    }


def test_two_way_json_hides_the_whole_rectangle(tmp_path):
    result = json.loads(
        run(tmp_path, HEADER + ROWS, "--metric", "energy_kwh", "--by", "region", "--by", "sector")
    )
    inner = {
        (c["group"]["region"], c["group"]["sector"]): c["reason"]
        for c in result["cells"]
        if len(c["group"]) == 2
    }
    # EU/finance has one contributor, US/health two (F and G are one holding); in a 2 × 2
    # table the two others must then go too.
    assert inner == {
        ("EU", "finance"): "threshold",
        ("EU", "health"): "secondary",
        ("US", "finance"): "secondary",
        ("US", "health"): "threshold",
    }
    assert result["total"] == {
        "group": {},
        "value": 1325.0,
        "contributors": None,
        "suppressed": False,
        "reason": None,
    }


def test_parameters_change_the_outcome(tmp_path):
    text = HEADER + ROWS
    strict = json.loads(
        run(tmp_path, text, "--metric", "energy_kwh", "--by", "region", "--min-contributors", "5")
    )
    assert [c["reason"] for c in strict["cells"]] == ["threshold", "secondary"]
    assert strict["total"]["suppressed"] is False


def test_text_format(tmp_path):
    out = run(
        tmp_path, HEADER + ROWS, "--metric", "energy_kwh", "--by", "region", "--format", "text"
    )
    assert out.splitlines() == [
        "EU: 810  [4 contributors]",
        "US: 515  [5 contributors]",
        "(all): 1325  [9 contributors]",
    ]


@pytest.mark.parametrize(
    ("text", "args", "message"),
    [
        (HEADER + "A,,energy_kwh,ten,EU,health\n", (), "row 2: value: 'ten' is not a number"),
        (
            HEADER + ROWS + "Z,,energy_kwh,-1,EU,health\n",
            (),
            "row 13: value: must be a finite number",
        ),
        (HEADER + "A,,energy_kwh,nan,EU,health\n", (), "row 2: value: must be a finite number"),
        (HEADER + "A,,energy_kwh,1e300,EU,health\n", (), "row 2: value: must be a finite number"),
        (HEADER + ",,energy_kwh,1,EU,health\n", (), "row 2: organisation: a value is required"),
        (HEADER + "A,,energy_kwh,1,,health\n", (), "row 2: region: a value is required"),
        (HEADER + "A\x07,,energy_kwh,1,EU,health\n", (), "row 2: organisation: contains a control"),
        ("organisation,metric,value\nA,energy_kwh,1\n", (), "row 1: missing column(s): region"),
        (HEADER + ROWS, ("--metric", "co2"), "metric: no row has the metric 'co2'"),
        (HEADER + ROWS, ("--dominance", "2"), "dominance: expected 'n,k'"),
        (HEADER + ROWS, ("--p-percent", "250"), "p_percent: must be a percentage"),
        (
            HEADER + ROWS,
            ("--by", "sector", "--by", "region"),
            "by: give one or two grouping columns",
        ),
    ],
)
def test_refusals_name_the_row_and_field(tmp_path, text, args, message):
    metric = () if "--metric" in args else ("--metric", "energy_kwh")
    with pytest.raises(CommandError) as error:
        run(tmp_path, text, *metric, "--by", "region", *args)
    assert message in str(error.value)


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command(
            "transparency", "aggregate", str(tmp_path / "none.csv"), "--metric", "m", "--by", "r"
        )
