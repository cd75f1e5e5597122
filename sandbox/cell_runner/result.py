"""What running a cell gives: its output and its error, as frozen values that cross processes as JSON."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SyntaxPlace:
    """Where a cell that does not parse went wrong: the column (1-based, None when unknown) and the line's text."""

    column: int | None
    text: str


@dataclass(frozen=True)
class CellError:
    type: str  # the exception's class name
    qualified_type: str  # module.qualname, which a declared raises= may name instead
    message: str  # str() of the exception; for the cell's own syntax error, its msg without "(file, line N)"
    last_line: str  # what a page shows under the output: the exception-only lines, stripped
    line: int | None  # the line of the cell's code that raised (the innermost of its frames)
    statement_line: int | None  # the cell's top-level statement that raised (the outermost of its frames)
    syntax: SyntaxPlace | None  # set when the cell itself does not parse (not for a SyntaxError its code raised)
    # the traceback cut to the cell's own frames, then the exception-only lines (what the browser shows); None where
    # it was not recorded (GPU captures made before it was)
    traceback: str | None

    @classmethod
    def from_exception(
        cls, error: BaseException, filename: str, own_file: Callable[[str], bool] | None = None
    ) -> CellError:
        """`own_file` says which frames are the reader's code (default: those of `filename`)."""
        is_own = own_file or (lambda name: name == filename)
        frames = [f for f in traceback.extract_tb(error.__traceback__) if is_own(f.filename)]
        lines = traceback.format_exception_only(type(error), error)
        syntax = error if isinstance(error, SyntaxError) and error.filename == filename else None
        shown = ["Traceback (most recent call last):\n", *traceback.format_list(frames)] if frames else []
        return cls(
            type=type(error).__name__,
            qualified_type=f"{type(error).__module__}.{type(error).__qualname__}",
            message=syntax.msg if syntax is not None else str(error),  # str() of a SyntaxError appends its place
            last_line=lines[-1].strip() if syntax is not None else "".join(lines).strip(),
            line=frames[-1].lineno if frames else getattr(error, "lineno", None),
            statement_line=frames[0].lineno if frames else None,
            syntax=SyntaxPlace(syntax.offset, (syntax.text or "").rstrip("\n")) if syntax is not None else None,
            traceback="".join(shown + lines),
        )

    def to_json(self) -> dict[str, Any]:
        place = self.syntax
        recorded = {} if self.traceback is None else {"traceback": self.traceback}
        return {
            "type": self.type,
            "qualified_type": self.qualified_type,
            "message": self.message,
            "last_line": self.last_line,
            "line": self.line,
            "statement_line": self.statement_line,
            "syntax": None if place is None else {"column": place.column, "text": place.text},
            **recorded,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CellError:
        """The inverse of to_json; GPU captures made before a field existed lack it."""
        place = data.get("syntax")
        return cls(
            type=data["type"],
            qualified_type=data.get("qualified_type", data["type"]),
            message=data["message"],
            last_line=data["last_line"],
            line=data.get("line"),
            statement_line=data.get("statement_line"),
            syntax=None if place is None else SyntaxPlace(place["column"], place["text"]),
            traceback=data.get("traceback"),
        )


@dataclass(frozen=True)
class CellResult:
    output: str  # what the cell printed on both streams, in order, then the repr of its trailing expression
    error: CellError | None
    value: Any = field(default=None, compare=False, repr=False)  # the trailing expression's value; stays in-process

    def shown(self) -> str:
        """What a reader sees under the code: the printed text, then the error's last line if it raised."""
        return self.output + (self.error.last_line + "\n" if self.error is not None else "")

    def to_json(self) -> dict[str, Any]:
        return {"output": self.output, "error": None if self.error is None else self.error.to_json()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CellResult:
        error = data["error"]
        return cls(data["output"], None if error is None else CellError.from_dict(error))
