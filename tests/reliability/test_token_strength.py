"""Personal tokens: at least 128 bits, all different, and unrelated under another secret."""

from __future__ import annotations

import base64

from backend.tokens import TOKEN_RE, token_for
from tests.backend.servers import SECRET

IDS = [f"delegate-{i:04d}" for i in range(500)]


def bits(token: str) -> int:
    raw = base64.b32decode(token.upper() + "=" * (-len(token) % 8))
    return int.from_bytes(raw, "big")


def test_tokens_carry_at_least_128_bits_and_never_collide() -> None:
    tokens = [token_for(i, SECRET) for i in IDS]
    assert all(TOKEN_RE.match(t) for t in tokens)
    assert len(tokens[0]) * 5 >= 128 and len(base64.b32decode(tokens[0].upper() + "======")) == 16
    assert len(set(tokens)) == len(IDS)
    assert max(bits(t) for t in tokens).bit_length() > 120  # the top bits are used, not padding


def test_another_secret_gives_unrelated_tokens() -> None:
    for other in (SECRET + b"x", SECRET[:-1], SECRET.upper(), b"0" * len(SECRET)):
        first = [bits(token_for(i, SECRET)) for i in IDS]
        second = [bits(token_for(i, other)) for i in IDS]
        assert not set(first) & set(second)
        # Unrelated 128-bit values differ in 64 bits on average (sd 5.7 per pair, 0.25 here).
        mean = sum((a ^ b).bit_count() for a, b in zip(first, second, strict=True)) / len(IDS)
        assert 60 < mean < 68, (other, mean)
        # No character agrees more often than chance: 1 in 32 (~16 of 500), and 1 in 8 for
        # the last one, which holds the remaining 3 of the 128 bits.
        a_tokens = [token_for(i, SECRET) for i in IDS]
        b_tokens = [token_for(i, other) for i in IDS]
        for pos in range(26):
            same = sum(a[pos] == b[pos] for a, b in zip(a_tokens, b_tokens, strict=True))
            assert same < (100 if pos == 25 else 40), (other, pos, same)
