"""Ingest: raw bytes -> article text under the offsets contract, or a reject with a reason.

The contract (DEVELOPERS.md): articles.text is the raw file decoded, with a leading BOM dropped
and line endings turned into "\\n". Nothing else changes, so every span offset computed later
points into exactly the text a reader sees in the file.
"""
from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control characters that never occur in real text files (tab, LF, CR and FF are allowed).
_BINARY_CONTROLS = set(range(0, 32)) - {9, 10, 12, 13}


class RejectedFile(Exception):
    """A raw file that cannot become an article; carries a machine reason and a human detail."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class IngestLimits:
    """Size limits from params.yaml `ingest`: beyond them a file is a reject, not an article."""
    max_bytes: int = 5_000_000
    max_chars: int = 1_000_000
    max_line_chars: int = 50_000  # a "line" this long is a dump, not a paragraph

    @classmethod
    def from_params(cls, ingest: dict) -> "IngestLimits":
        return cls(int(ingest["max_bytes"]), int(ingest["max_chars"]), int(ingest["max_line_chars"]))


@dataclass(frozen=True)
class RawArticle:
    source_path: str  # relative to the repository root, POSIX separators
    text: str
    encoding: str
    content_sha256: str

    @property
    def article_id(self) -> str:
        return self.content_sha256[:16]


@dataclass(frozen=True)
class Reject:
    source_path: str
    reason: str
    detail: str
    content_sha256: str | None = None

    def as_line(self) -> str:
        """One line naming the file and the reason, e.g. 'data/raw/x.bin: binary: contains NUL bytes'."""
        return f"{self.source_path}: {self.reason}: {self.detail.removeprefix(self.source_path).strip(' :')}"


def normalise_text(decoded: str) -> str:
    """Apply the text contract: drop one leading BOM, turn CRLF and CR into LF. Nothing else."""
    if decoded.startswith("\ufeff"):
        decoded = decoded[1:]
    return decoded.replace("\r\n", "\n").replace("\r", "\n")


def content_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _BINARY_CONTROLS)
    return controls > max(2, len(sample) // 200)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes to str, returning (text, encoding name), or raise RejectedFile.

    UTF-8 (with or without BOM) first; UTF-16 only with a BOM, since without one it cannot be told
    from binary; then cp1252, the legacy single-byte encoding of most English web text.
    """
    if not data:
        raise RejectedFile("empty", "the file is empty")
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise RejectedFile("undecodable", f"has a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason})") from None
    if data.startswith(UTF8_BOM):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise RejectedFile("undecodable", f"has a UTF-8 byte-order mark but is not valid UTF-8 ({exc.reason})") from None
    if _looks_binary(data):
        raise RejectedFile("binary", "contains NUL or control bytes: not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise RejectedFile("undecodable", f"is neither UTF-8, UTF-16 nor cp1252 (byte {exc.start})") from None


def check_text(text: str, limits: IngestLimits) -> None:
    """Reject decoded text that cannot be an article."""
    if not text.strip():
        raise RejectedFile("empty", "holds only whitespace")
    if not any(c.isalnum() for c in text):
        raise RejectedFile("empty", "holds no letter or digit")
    stripped = text.lstrip().lower()
    if stripped.startswith(("<!doctype html", "<html")) or ("<body" in stripped[:5000] and "</" in stripped):
        raise RejectedFile("html", "is a saved HTML page, not article text; save the page as plain text")
    if len(text) > limits.max_chars:
        raise RejectedFile("too_large", f"has {len(text):,} characters, over ingest.max_chars={limits.max_chars:,}")
    longest = max(map(len, text.split("\n")))
    if longest > limits.max_line_chars:
        raise RejectedFile("no_layout", f"has a line of {longest:,} characters, over ingest.max_line_chars="
                                        f"{limits.max_line_chars:,}: not laid out as an article")


def read_raw_file(path: Path, raw_dir: Path, repo_root: Path, limits: IngestLimits) -> RawArticle:
    """Read one file of the raw corpus safely, or raise RejectedFile.

    Only regular files whose real location is inside raw_dir are read: a symlink pointing out of
    the corpus is refused before any byte of its target is opened.
    """
    real = Path(os.path.realpath(path))
    real_raw = Path(os.path.realpath(raw_dir))
    if real != real_raw and real_raw not in real.parents:
        raise RejectedFile("outside_raw", f"is a link to {real}, outside {raw_dir}; only files inside it are read")
    if not real.is_file():
        raise RejectedFile("not_a_file", "is not a regular file")
    size = real.stat().st_size
    if size > limits.max_bytes:
        raise RejectedFile("too_large", f"is {size:,} bytes, over ingest.max_bytes={limits.max_bytes:,}")
    data = real.read_bytes()
    decoded, encoding = decode_bytes(data)
    text = normalise_text(decoded)
    check_text(text, limits)
    return RawArticle(relative_path(path, repo_root), text, encoding, content_sha256(text))


def relative_path(path: Path, repo_root: Path) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(repo_root)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def list_raw_files(raw_dir: Path) -> list[Path]:
    """Every file under raw_dir (recursively, sorted); hidden files such as .gitkeep are not articles."""
    found = []
    for dirpath, dirnames, filenames in os.walk(raw_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                log.debug("skipping hidden file %s", Path(dirpath) / name)
                continue
            found.append(Path(dirpath) / name)
    return sorted(found, key=lambda p: p.as_posix())


def ingest_paths(paths: list[Path], raw_dir: Path, repo_root: Path, limits: IngestLimits
                 ) -> tuple[list[RawArticle], list[Reject]]:
    """Read every path into an article or a reject. Nothing is dropped."""
    articles, rejects = [], []
    for path in paths:
        rel = relative_path(path, repo_root)
        try:
            articles.append(read_raw_file(path, raw_dir, repo_root, limits))
        except RejectedFile as exc:
            sha = None
            if exc.reason not in ("outside_raw", "not_a_file", "too_large"):
                try:
                    sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
                except OSError:
                    sha = None
            rejects.append(Reject(rel, exc.reason, f"{rel} {exc.detail}", sha))
        except OSError as exc:
            rejects.append(Reject(rel, "unreadable", f"{rel} could not be read: {exc.strerror or exc}"))
    return articles, rejects


def duplicate_map(articles: list[RawArticle]) -> dict[str, str]:
    """source_path -> article_id of the first file (in path order) with identical text."""
    first_by_sha: dict[str, RawArticle] = {}
    duplicates = {}
    for art in sorted(articles, key=lambda a: a.source_path):
        first = first_by_sha.setdefault(art.content_sha256, art)
        if first is not art:
            duplicates[art.source_path] = first.article_id
    return duplicates
