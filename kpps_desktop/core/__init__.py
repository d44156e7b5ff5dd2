"""Domain logic with no Qt: roster, NIK, wilayah, cards, check-in, exchange, recap."""
