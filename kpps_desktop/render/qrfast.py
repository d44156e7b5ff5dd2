"""A QR encoder for card codes only: version 2, error correction Q, alphanumeric mode.

Why: zxing-cpp's writer (zint since 3.0) takes 0.12-0.17 ms per symbol; for 12,201 cards that
alone was 1.5-2x the whole no-QR PDF floor. Card codes are always 22 characters of the QR
alphanumeric set ('K1.' + 19 symbols), so every card symbol has the same version, level and
mode, and the encoding is linear: each data byte's modules (with its share of the Reed-Solomon
bytes) come from a table, and the eight masks are scored with the standard's penalty rules on
whole-symbol integers (one bit per module). About 40 microseconds per symbol.

Anything else (or a longer code) goes to zxing-cpp: qr.matrix decides. tests/test_qrfast.py
checks symbols decode with zxing-cpp and match zxing-cpp's own encoding.
"""

from __future__ import annotations

import functools

SIZE = 25  # version 2
DATA_CODEWORDS = 22  # version 2-Q: one block of 22 data + 22 error-correction bytes
BLOCK_EC = 22
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
MAX_CHARS = 29  # version 2-Q alphanumeric capacity
_ALNUM_VALUE = {c: i for i, c in enumerate(ALNUM)}
EC_BITS_Q = 3  # format information: L=1, M=0, Q=3, H=2

# Layouts of the symbol as integers: A holds each module twice, by rows (bit y*25+x) and by
# columns (640 + x*25+y), so one pass of the run and block rules scores rows and columns;
# P is the same with 4 light modules of margin around each row and column (finder-like patterns
# at the edge); OUT is rows of 32 bits, most significant first, ready for a 1-bit image.
_W = SIZE + 8
_COL, _PCOL = 640, SIZE * _W + 7  # field offsets: past the 625 (825) bits of the first field
_LAYOUTS = (
    lambda x, y: (y * SIZE + x, _COL + x * SIZE + y),
    lambda x, y: (y * _W + x + 4, _PCOL + x * _W + y + 4),
    lambda x, y: (SIZE * 32 - 1 - (y * 32 + x),),
)
A, P, OUT = range(3)
_LIGHT = 2 * _COL  # the light modules of A follow its dark ones


def encodable(text: str) -> bool:
    return len(text) <= MAX_CHARS and _ALNUM_SET.issuperset(text)


_ALNUM_SET = frozenset(ALNUM)
_PAD = b"\xec\x11" * DATA_CODEWORDS


def _data_codewords(text: str) -> bytes:
    """Mode 0010, the count in 9 bits, pairs in 11 bits (a last single in 6), terminator, padding."""
    values = [_ALNUM_VALUE[c] for c in text]
    v, bits = 0b0010 << 9 | len(text), 13
    for i in range(0, len(values) - 1, 2):
        v = v << 11 | values[i] * 45 + values[i + 1]
    bits += 11 * (len(values) // 2)
    if len(values) % 2:
        v, bits = v << 6 | values[-1], bits + 6
    end = min(4, DATA_CODEWORDS * 8 - bits)
    end += -(bits + end) % 8
    data = (v << end).to_bytes((bits + end) // 8, "big")
    return data + _PAD[:DATA_CODEWORDS - len(data)]


def _gf_tables() -> tuple[list[int], list[int]]:
    exp, log = [0] * 512, [0] * 256
    x = 1
    for i in range(255):
        exp[i] = x
        log[x] = i
        x <<= 1
        if x & 0x100:
            x ^= 0x11D
    for i in range(255, 512):
        exp[i] = exp[i - 255]
    return exp, log


def _rs_remainder(data: list[int], exp: list[int], log: list[int]) -> list[int]:
    gen = [1]
    for i in range(BLOCK_EC):  # (x - a^0)(x - a^1)...
        nxt = [0] * (len(gen) + 1)
        for j, g in enumerate(gen):
            nxt[j] ^= g
            if g:
                nxt[j + 1] ^= exp[log[g] + i]
        gen = nxt
    rem = [0] * BLOCK_EC
    for byte in data:
        factor = byte ^ rem[0]
        rem = rem[1:] + [0]
        if factor:
            for j in range(BLOCK_EC):
                if gen[j + 1]:
                    rem[j] ^= exp[log[gen[j + 1]] + log[factor]]
    return rem


def _function_modules() -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(all function-pattern modules, the dark ones) without format information."""
    function, dark = set(), set()

    def put(x: int, y: int, is_dark: bool) -> None:
        function.add((x, y))
        if is_dark:
            dark.add((x, y))

    for i in range(SIZE):  # timing patterns
        put(6, i, i % 2 == 0)
        put(i, 6, i % 2 == 0)
    for cx, cy in ((3, 3), (SIZE - 4, 3), (3, SIZE - 4)):  # finders with their separators
        for dy in range(-4, 5):
            for dx in range(-4, 5):
                x, y = cx + dx, cy + dy
                if 0 <= x < SIZE and 0 <= y < SIZE:
                    dist = max(abs(dx), abs(dy))
                    put(x, y, dist not in (2, 4))
    for dy in range(-2, 3):  # the alignment pattern of version 2, centred at (18, 18)
        for dx in range(-2, 3):
            put(18 + dx, 18 + dy, max(abs(dx), abs(dy)) != 1)
    for i in range(9):  # format information areas (filled per mask)
        function.update({(8, i), (i, 8)})
    for i in range(8):
        function.update({(SIZE - 1 - i, 8), (8, SIZE - 1 - i)})
    put(8, SIZE - 8, True)  # the dark module
    return function, dark


def _format_modules(mask: int) -> set[tuple[int, int]]:
    data = EC_BITS_Q << 3 | mask
    rem = data
    for _ in range(10):
        rem = (rem << 1) ^ ((rem >> 9) * 0x537)
    bits = (data << 10 | rem) ^ 0x5412
    dark = set()

    def bit(i: int) -> bool:
        return (bits >> i) & 1 == 1

    for i in range(6):
        if bit(i):
            dark.add((8, i))
    for x, y, i in ((8, 7, 6), (8, 8, 7), (7, 8, 8)):
        if bit(i):
            dark.add((x, y))
    for i in range(9, 15):
        if bit(i):
            dark.add((14 - i, 8))
    for i in range(8):
        if bit(i):
            dark.add((SIZE - 1 - i, 8))
    for i in range(8, 15):
        if bit(i):
            dark.add((8, SIZE - 15 + i))
    return dark


_MASKS = (
    lambda x, y: (x + y) % 2 == 0,
    lambda x, y: y % 2 == 0,
    lambda x, y: x % 3 == 0,
    lambda x, y: (x + y) % 3 == 0,
    lambda x, y: (x // 3 + y // 2) % 2 == 0,
    lambda x, y: x * y % 2 + x * y % 3 == 0,
    lambda x, y: (x * y % 2 + x * y % 3) % 2 == 0,
    lambda x, y: ((x + y) % 2 + x * y % 3) % 2 == 0,
)


def _bits(modules, layout: int) -> int:
    place = _LAYOUTS[layout]
    value = 0
    for x, y in modules:
        for index in place(x, y):
            value |= 1 << index
    return value


def _row_mask(width: int, stride: int, first: int, last: int, rows: int = SIZE) -> int:
    """Bits first..last of each of `rows` rows of `stride` bits."""
    row = ((1 << (last - first + 1)) - 1) << first
    return sum(row << (y * stride) for y in range(rows))


@functools.lru_cache(maxsize=1)
def _tables():
    exp, log = _gf_tables()
    function, dark = _function_modules()
    order = []  # data modules in placement order (zigzag from the bottom right)
    right = SIZE - 1
    while right >= 1:
        if right == 6:
            right = 5
        for vert in range(SIZE):
            for j in range(2):
                x = right - j
                upward = ((right + 1) & 2) == 0
                y = SIZE - 1 - vert if upward else vert
                if (x, y) not in function:
                    order.append((x, y))
        right -= 2

    def codeword_modules(index: int, value: int) -> list[tuple[int, int]]:
        return [order[index * 8 + k] for k in range(8) if value >> (7 - k) & 1]

    tables = []  # per data byte: per layout a list of 256 contributions (its modules and its EC's)
    for i in range(DATA_CODEWORDS):
        basis = []
        for k in range(8):
            value = 1 << k
            msg = [0] * DATA_CODEWORDS
            msg[i] = value
            modules = codeword_modules(i, value)
            for j, e in enumerate(_rs_remainder(msg, exp, log)):
                modules += codeword_modules(DATA_CODEWORDS + j, e)
            basis.append([_bits(modules, layout) for layout in range(len(_LAYOUTS))])
        per_layout = []
        for layout in range(len(_LAYOUTS)):
            table = [0] * 256
            for v in range(1, 256):
                low = (v & -v).bit_length() - 1
                table[v] = table[v & (v - 1)] ^ basis[low][layout]
            per_layout.append(table)
        tables.append(per_layout)
    masks = []
    for m, rule in enumerate(_MASKS):
        flip = [(x, y) for x, y in order if rule(x, y)]
        fixed = dark | _format_modules(m)
        masks.append(([_bits(flip, lay) for lay in range(len(_LAYOUTS))],
                      [_bits(fixed, lay) for lay in range(len(_LAYOUTS))]))
    return tables, masks


def _fields(mask: int, *offsets: int) -> int:
    return sum(mask << o for o in offsets)


# Where each rule may start, in every field of A (dark by rows, by columns, light likewise) or P.
_FULL_A = _fields((1 << SIZE * SIZE) - 1, 0, _COL)
_RUN5 = _fields(_row_mask(SIZE, SIZE, 0, SIZE - 5), 0, _COL, _LIGHT, _LIGHT + _COL)
_BLOCK2 = _fields(_row_mask(SIZE, SIZE, 0, SIZE - 2, SIZE - 1), 0, _COL, _LIGHT, _LIGHT + _COL)
_FULL_P = _fields(_row_mask(_W, _W, 0, _W - 1), 0, _PCOL)
_CORE = _fields(_row_mask(_W, _W, 4, 4 + SIZE - 7), 0, _PCOL)


def _penalty(a: int, p: int) -> int:
    """The standard's mask penalty (N1 runs, N2 blocks, N3 finder-like patterns, N4 balance)."""
    b = a | (~a & _FULL_A) << _LIGHT  # dark and light, rows and columns: four fields
    b2 = b & b >> 1
    w = b2 & b2 >> 2 & b >> 4 & _RUN5  # five alike in a row
    n1 = w.bit_count() + 2 * (w & ~(w << 1)).bit_count()  # 3 per run of 5, 1 per module beyond
    # Each 2x2 block is seen once by rows and once by columns.
    n2 = (b2 & b2 >> SIZE & _BLOCK2).bit_count() >> 1
    q = ~p & _FULL_P
    q4 = q & q >> 1 & q >> 2 & q >> 3  # four light from here
    core = p & q >> 1 & p >> 2 & p >> 3 & p >> 4 & q >> 5 & p >> 6 & _CORE
    n3 = (core & (q4 >> 7 | q4 << 4)).bit_count()
    n4 = abs(a.bit_count() - _MODULES) * 10 // _MODULES  # a counts each dark module twice
    return n1 + 3 * n2 + 40 * n3 + 10 * n4


_MODULES = SIZE * SIZE


def encode(text: str) -> bytes:
    """The symbol (no quiet zone) as 25 rows of 4 bytes, most significant bit first, 1 = dark."""
    tables, masks = _tables()
    a = p = out = 0
    for byte, (ta, tp, tout) in zip(_data_codewords(text), tables):
        a ^= ta[byte]
        p ^= tp[byte]
        out ^= tout[byte]
    best, best_score = 0, -1
    for m, (flip, fixed) in enumerate(masks):
        score = _penalty(fixed[A] | (a ^ flip[A]), fixed[P] | (p ^ flip[P]))
        if best_score < 0 or score < best_score:
            best, best_score = m, score
    flip, fixed = masks[best]
    return (fixed[OUT] | (out ^ flip[OUT])).to_bytes(SIZE * 4, "big")
