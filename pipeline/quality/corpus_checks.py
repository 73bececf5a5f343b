"""The suites' corpus-wide expectations, computed with pandas over whole tables, and which rows of
a table still need the row-wise expectations.

An expectation is row-wise when each row's verdict depends on that row alone (not null, a pattern,
bounds, a fixed set of values, a pair of columns): a row that passed it once passes it again, so
only new or changed rows need Great Expectations. The rest look across rows or at the corpus
(unique keys, row counts, a column's maximum, a foreign key against the corpus's article ids):
they are cheap vectorised checks, run here over the whole corpus on every build, with Great
Expectations' own semantics (tests/test_suites.py holds them against Great Expectations).

No Great Expectations import here: a build with nothing new to validate never loads it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

# Expectations whose verdict on a row depends on other rows, or on the corpus.
CORPUS_WIDE = frozenset({
    "expect_column_values_to_be_unique",
    "expect_compound_columns_to_be_unique",
    "expect_table_row_count_to_be_between",
    "expect_column_max_to_be_between",
})
INDEX_COLUMNS = ("article_id", "source_path")


def _parameterised(kwargs: dict) -> bool:
    return any(isinstance(v, dict) and "$PARAMETER" in v for v in kwargs.values())


def is_corpus_wide(expectation: dict) -> bool:
    """True for the expectations computed here over whole tables; False for row-wise ones."""
    return expectation["type"] in CORPUS_WIDE or _parameterised(expectation["kwargs"])


def _resolve(kwargs: dict, params: dict) -> dict:
    return {k: params[v["$PARAMETER"]] if isinstance(v, dict) and "$PARAMETER" in v else v
            for k, v in kwargs.items()}


def _failures(df: pd.DataFrame, bad: np.ndarray, columns: list[str]) -> list[dict]:
    """Great Expectations' unexpected_index_list: the index columns and the checked values of each
    failing row, in row order."""
    keep = [c for c in INDEX_COLUMNS if c in df.columns] + [c for c in columns if c not in INDEX_COLUMNS]
    return df.loc[bad, keep].to_dict("records")


def _within(value, lo, hi) -> bool:
    return value is not None and (lo is None or value >= lo) and (hi is None or value <= hi)


def check(df: pd.DataFrame, expectation: dict, params: dict) -> dict:
    """One corpus-wide expectation over a whole view: {success, observed_value, unexpected_count,
    failures (every failing row)}, or {error} when it cannot be computed."""
    kind, kwargs = expectation["type"], _resolve(expectation["kwargs"], params)
    result = {"observed_value": None, "unexpected_count": None, "failures": []}
    if kind == "expect_table_row_count_to_be_between":
        return result | {"success": _within(len(df), kwargs.get("min_value"), kwargs.get("max_value")),
                         "observed_value": len(df)}
    column = kwargs.get("column")
    if column is not None and column not in df.columns:
        return result | {"success": False, "error": f"column {column!r} is not in the table"}
    if kind == "expect_column_max_to_be_between":
        values = df[column].dropna()
        observed = values.max() if len(values) else None
        return result | {"success": _within(observed, kwargs.get("min_value"), kwargs.get("max_value")),
                         "observed_value": observed}
    if kind == "expect_column_values_to_be_unique":
        values = df[column]
        bad = (values.duplicated(keep=False) & values.notna()).to_numpy()
        columns = [column]
    elif kind == "expect_compound_columns_to_be_unique":
        columns = list(kwargs["column_list"])
        # rows whose key columns are all missing are ignored (Great Expectations' default)
        considered = df[columns].notna().any(axis=1)
        bad = (df[columns].duplicated(keep=False) & considered).to_numpy()
    elif kind == "expect_column_values_to_be_in_set":
        values = df[column]
        bad = (values.notna() & ~values.isin(list(kwargs["value_set"]))).to_numpy()
        columns = [column]
    else:
        return result | {"success": False, "error": f"{kind} with parameters is not a corpus-wide check"}
    count = int(bad.sum())
    return result | {"success": count == 0, "unexpected_count": count,
                     "failures": _failures(df, bad, columns) if count else []}
