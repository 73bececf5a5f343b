"""Ingest: raw bytes -> article text under the offsets contract, or a reject with a reason.

The contract (DEVELOPERS.md): articles.text is the raw file decoded, with a leading BOM dropped
and line endings turned into "\\n". Nothing else changes, so every span offset computed later
points into exactly the text a reader sees in the file.

Every path under the raw folder ends as an article or a reject; nothing is dropped. Only regular
files are ever opened, so a FIFO, a device or a link to one cannot hang or flood the run:
- a hidden name (".x.txt", or anything inside a hidden folder) is a reject (`hidden`): hidden
  files are what editors and operating systems leave behind (.DS_Store, .x.swp), so they are
  listed, not read. Only the placeholders git and DVC need in an empty folder are skipped;
- a link to a folder is a reject (`not_a_file`): folders are followed only as real folders, so
  a link cannot make the corpus read a tree twice or loop;
- a dangling link or a link loop is a reject (`broken_link`).
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
from dataclasses import dataclass, fields
from pathlib import Path

log = logging.getLogger(__name__)

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Files that keep an empty folder in version control; they are the repository's, not articles.
PLACEHOLDER_NAMES = frozenset({".gitkeep", ".keep", ".gitignore", ".dvcignore"})
# Control bytes that never occur in text files. Tab, LF, VT, FF and CR do (Word writes VT for a
# manual line break), so they are not counted.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13)) + b"\x7f"
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_CONTROL_CHARS_RE = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "]")
# A run of characters that are neither letters, digits nor spaces: spaCy's tokenizer peels such a
# run one prefix at a time, in time quadratic in its length.
_SYMBOL_RUN_RE = re.compile(r"[^\w\s]+")
_MIN_SYMBOLS_JUDGED = 1_000
_STRAY_BYTE_RE = re.compile("[\udc80-\udcff]")


class RejectedFile(Exception):
    """A raw file that cannot become an article; carries a machine reason and a human detail, and the
    SHA-256 of its bytes when they were read."""

    def __init__(self, reason: str, detail: str, sha256: str | None = None):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.sha256 = sha256


@dataclass(frozen=True)
class IngestLimits:
    """Limits from params.yaml `ingest`: beyond them a file is a reject, not an article. The shape
    limits (lines, symbol runs and share) keep texts whose tokenisation is pathological away from
    spaCy; they are checked in one linear pass before any parse."""
    max_bytes: int = 5_000_000
    max_chars: int = 1_000_000
    max_line_chars: int = 50_000  # a "line" this long is a dump, not a paragraph
    max_lines: int = 20_000        # non-empty lines; a long article has a few hundred
    max_symbol_run: int = 200      # longest run of characters that are not letters, digits or spaces
    max_symbol_share: float = 0.5  # share of non-space characters that are not letters or digits

    @classmethod
    def from_params(cls, ingest: dict) -> "IngestLimits":
        """The limits named in `ingest`; a key left out keeps its default."""
        values = {}
        for f in fields(cls):
            value = ingest.get(f.name)
            if value is None:
                continue
            try:
                values[f.name] = float(value) if f.type == "float" else int(value)
            except (TypeError, ValueError):
                raise ValueError(f"ingest.{f.name} must be a number, not {value!r}") from None
        return cls(**values)


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


# --- Bytes -> text -------------------------------------------------------------------------------

def _line_col(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - data.rfind(b"\n", 0, offset)
    return f"line {line}, column {column}"


def check_not_binary(data: bytes, offset: int = 0) -> None:
    """Reject bytes holding a NUL anywhere, or control bytes beyond a stray few (whole file, not a sample).
    `offset` is where `data` starts in the file, so messages point at the file's own byte."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise RejectedFile("binary", f"has a NUL byte at byte {nul + offset:,} ({_line_col(data, nul)}): "
                                     "not a text file")
    controls = len(data.translate(None, _NOT_CONTROL))  # deleting every other byte leaves the controls
    if controls > max(8, len(data) // 100):
        raise RejectedFile("binary", f"has {controls:,} control bytes in {len(data):,} (limit: 1% or 8): "
                                     "not a text file")


def _check_decoded_not_binary(text: str) -> None:
    """The same test on text decoded from UTF-16, where NUL bytes are normal in the raw bytes."""
    if "\x00" in text:
        raise RejectedFile("binary", f"has a NUL character at character {text.index(chr(0)):,}: not a text file")
    controls = len(_CONTROL_CHARS_RE.findall(text))
    if controls > max(8, len(text) // 100):
        raise RejectedFile("binary", f"has {controls:,} control characters in {len(text):,}: not a text file")


def _decode_utf8_or_legacy(body: bytes, offset: int, had_bom: bool) -> tuple[str, str]:
    """Bytes that are not valid UTF-8: a legacy cp1252 file, or UTF-8 with a few stray cp1252 bytes
    (a curly quote pasted from a Windows program). Whichever the file mostly is decides, so a UTF-8
    file never becomes "CafÃ©" for one stray byte."""
    escaped = body.decode("utf-8", errors="surrogateescape")
    strays = [m.start() for m in _STRAY_BYTE_RE.finditer(escaped)]
    utf8_chars = len(escaped) - len(escaped.encode("ascii", "ignore")) - len(strays)
    if utf8_chars == 0 and not had_bom:
        try:
            return body.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            raise RejectedFile("undecodable", f"is neither UTF-8, UTF-16 nor cp1252: byte 0x{body[exc.start]:02X} "
                                              f"at byte {exc.start + offset:,} ({_line_col(body, exc.start)}) "
                                              "is undefined in cp1252") from None
    first = len(escaped[:strays[0]].encode("utf-8", "surrogateescape"))
    where = f"byte 0x{body[first]:02X} at byte {first + offset:,} ({_line_col(body, first)})"
    if utf8_chars < len(strays):
        raise RejectedFile("undecodable", f"mixes encodings: {len(strays):,} bytes are not UTF-8 (the first is "
                                          f"{where}) beside {utf8_chars:,} UTF-8 characters; save it as UTF-8")
    pieces, last = [], 0
    for i in strays:
        byte = bytes([ord(escaped[i]) - 0xDC00])
        try:
            pieces += [escaped[last:i], byte.decode("cp1252")]
        except UnicodeDecodeError:
            raise RejectedFile("undecodable", f"is UTF-8 except {where}, which has no meaning in UTF-8 or cp1252"
                               ) from None
        last = i + 1
    log.warning("UTF-8 file with %d stray cp1252 byte(s), read as cp1252 characters; the first is %s",
                len(strays), where)
    return "".join(pieces) + escaped[last:], "utf-8+cp1252"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode raw bytes to str, returning (text, encoding name), or raise RejectedFile.

    UTF-8 (with or without BOM) first; UTF-16 only with a BOM, since without one it cannot be told
    from binary; then cp1252, the legacy single-byte encoding of most English web text. A UTF-8
    file with a few stray cp1252 bytes reads them as cp1252 characters (encoding "utf-8+cp1252").
    """
    if not data:
        raise RejectedFile("empty", "the file is empty")
    if data.startswith(UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise RejectedFile("undecodable", f"has a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason} "
                                              f"at byte {exc.start:,})") from None
        _check_decoded_not_binary(text)
        return text, "utf-16"
    had_bom = data.startswith(UTF8_BOM)
    offset = len(UTF8_BOM) if had_bom else 0
    body = data[offset:]
    check_not_binary(body, offset)
    try:
        return body.decode("utf-8"), "utf-8-sig" if had_bom else "utf-8"
    except UnicodeDecodeError:
        return _decode_utf8_or_legacy(body, offset, had_bom)


# --- Text that cannot be an article ----------------------------------------------------------------

def check_text(text: str, limits: IngestLimits) -> None:
    """Reject decoded text that cannot be an article, or whose shape would make the parse blow up.
    Every test is one linear pass; each message states the limit and the actual value."""
    if not text.strip():
        raise RejectedFile("empty", "holds only whitespace")
    if not any(c.isalnum() for c in text):
        raise RejectedFile("empty", "has no words: not one letter or digit")
    stripped = text.lstrip().lower()
    if stripped.startswith(("<!doctype html", "<html")) or ("<body" in stripped[:5000] and "</" in stripped):
        raise RejectedFile("html", "is a saved HTML page, not article text; save the page as plain text")
    if len(text) > limits.max_chars:
        raise RejectedFile("too_large", f"has {len(text):,} characters, over ingest.max_chars={limits.max_chars:,}")
    lines = text.split("\n")
    longest = max(map(len, lines))
    if longest > limits.max_line_chars:
        raise RejectedFile("no_layout", f"has a line of {longest:,} characters, over ingest.max_line_chars="
                                        f"{limits.max_line_chars:,}: not laid out as an article")
    n_lines = len(lines) - lines.count("") - sum(1 for ln in lines if ln and ln.isspace())
    if n_lines > limits.max_lines:
        raise RejectedFile("too_large", f"has {n_lines:,} non-empty lines, over ingest.max_lines={limits.max_lines:,}")
    check_symbols(text, limits)


def check_symbols(text: str, limits: IngestLimits) -> None:
    """Reject text made of symbols rather than words: spaCy's tokenizer is quadratic on a long run of
    marks such as “"( and slow on text that is mostly marks; neither is an article."""
    runs = _SYMBOL_RUN_RE.findall(text)
    longest = max(map(len, runs), default=0)
    if longest > limits.max_symbol_run:
        raise RejectedFile("not_prose", f"has a run of {longest:,} symbols without a letter, digit or space, "
                                        f"over ingest.max_symbol_run={limits.max_symbol_run:,}")
    symbols = sum(map(len, runs)) + text.count("_")  # \w counts "_" as a word character
    visible = len("".join(text.split()))
    # A short text parses fast whatever it holds ("Title" over a line of dashes): only a long one is judged.
    if symbols >= _MIN_SYMBOLS_JUDGED and symbols / visible > limits.max_symbol_share:
        raise RejectedFile("not_prose", f"is {symbols / visible:.0%} symbols ({symbols:,} of {visible:,} visible "
                                        f"characters), over ingest.max_symbol_share={limits.max_symbol_share:g}")


# --- Files --------------------------------------------------------------------------------------

def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _inside(real: Path, real_raw: Path) -> bool:
    return real == real_raw or real_raw in real.parents


def _is_hidden(path: Path, raw_dir: Path) -> bool:
    try:
        parts = Path(os.path.abspath(path)).relative_to(os.path.abspath(raw_dir)).parts
    except ValueError:
        parts = (path.name,)
    return any(p.startswith(".") for p in parts)


def resolve_regular_file(path: Path, raw_dir: Path) -> Path:
    """The real path of a regular file inside raw_dir that `path` names, or RejectedFile saying what
    `path` is instead. Never opens anything: a FIFO or a device is refused by its mode alone."""
    if _is_hidden(path, raw_dir):
        raise RejectedFile("hidden", "has a hidden name (starting with '.'): hidden files are editor or system "
                                     "files, not read; rename it to include it")
    try:
        link = os.lstat(path)
    except OSError as exc:
        raise RejectedFile("unreadable", f"could not be read: {exc.strerror}") from None
    is_link = stat.S_ISLNK(link.st_mode)
    if is_link:
        try:
            os.stat(path)
        except OSError as exc:
            target = os.readlink(path)
            what = "loops back on itself" if exc.errno == 40 else f"points to {target}, which does not exist"
            raise RejectedFile("broken_link", f"is a symbolic link that {what} ({exc.strerror})") from None
    real = Path(os.path.realpath(path))
    real_raw = Path(os.path.realpath(raw_dir))
    if not _inside(real, real_raw):
        if is_link:
            raise RejectedFile("outside_raw", f"is a link to {real}, outside {raw_dir}; only files inside it are read")
        raise RejectedFile("outside_raw", f"is a file outside {raw_dir}; only files inside it are read")
    mode = os.stat(real).st_mode
    if not stat.S_ISREG(mode):
        if is_link and stat.S_ISDIR(mode):
            raise RejectedFile("not_a_file", f"is a link to a folder ({real}); links to folders are not followed: "
                                             "put the files themselves in the folder")
        if stat.S_ISDIR(mode):  # listed as an entry only when it could not be listed itself
            raise RejectedFile("not_a_file", "is a folder whose files could not be listed (permission denied)")
        raise RejectedFile("not_a_file", f"is {_kind(mode)}, not a regular file")
    return real


def read_limited(real: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most max_bytes, or RejectedFile. Opened non-blocking and checked
    again on the open descriptor, so a file swapped for a FIFO after the check cannot hang the read."""
    fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise RejectedFile("not_a_file", f"is {_kind(st.st_mode)}, not a regular file")
        if st.st_size > max_bytes:
            raise RejectedFile("too_large", f"is {st.st_size:,} bytes, over ingest.max_bytes={max_bytes:,}")
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while being read
        raise RejectedFile("too_large", f"is over ingest.max_bytes={max_bytes:,} bytes")
    return data


def read_raw_file(path: Path, raw_dir: Path, repo_root: Path, limits: IngestLimits) -> RawArticle:
    """Read one file of the raw corpus safely, or raise RejectedFile.

    Only regular files whose real location is inside raw_dir are read: a symlink pointing out of
    the corpus is refused before any byte of its target is opened.
    """
    real = resolve_regular_file(Path(path), Path(raw_dir))
    data = read_limited(real, limits.max_bytes)
    try:
        decoded, encoding = decode_bytes(data)
        text = normalise_text(decoded)
        check_text(text, limits)
    except RejectedFile as exc:
        exc.sha256 = hashlib.sha256(data).hexdigest()
        raise
    return RawArticle(relative_path(path, repo_root), text, encoding, content_sha256(text))


def relative_path(path: Path, repo_root: Path) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(repo_root)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def list_raw_files(raw_dir: Path) -> list[Path]:
    """Every entry under raw_dir, recursively, sorted: each becomes an article or a reject.

    Real folders are descended; anything else (files, links, pipes, hidden names, links to folders,
    a folder that cannot be listed) is listed as one entry without being opened. Only the
    placeholders of PLACEHOLDER_NAMES are left out.
    """
    found: list[Path] = []

    def walk(folder: str) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if folder == os.fspath(raw_dir):
                raise
            log.warning("cannot list %s: %s", folder, exc.strerror)
            found.append(Path(folder))
            return
        for entry in entries:
            if entry.name in PLACEHOLDER_NAMES:
                log.debug("skipping placeholder %s", entry.path)
            elif entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                walk(entry.path)
            else:
                found.append(Path(entry.path))

    walk(os.fspath(raw_dir))
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
            rejects.append(Reject(rel, exc.reason, f"{rel} {exc.detail}", exc.sha256))
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


def raw_inventory(raw_dir: Path, repo_root: Path, max_bytes: int) -> list[dict]:
    """What the corpus folder holds, read the way ingest reads it: each entry's path with the SHA-256
    of its bytes, or the reason it will be a reject. DVC hashes this list instead of data/raw itself,
    since DVC opens whatever it finds there: a FIFO hangs it, a link to /dev/zero never ends, and a
    link loop or a dangling link fails it."""
    out = []
    for path in list_raw_files(raw_dir):
        entry = {"path": relative_path(path, repo_root)}
        try:
            real = resolve_regular_file(path, raw_dir)
            entry["sha256"] = hashlib.sha256(read_limited(real, max_bytes)).hexdigest()
        except RejectedFile as exc:
            entry["reject"] = f"{exc.reason}: {exc.detail}"
        except OSError as exc:
            entry["reject"] = f"unreadable: {exc.strerror or exc}"
        out.append(entry)
    return out
