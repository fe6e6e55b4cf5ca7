"""The pure matching rules of text/similarity.py."""


def test_number_signature_sorts_ranges_beside_exact_numbers():
    from claimtrack.text.similarity import number_signature

    mixed = "政策包抛出最高4000万元红包，线上线下订单已达数千台，企业近2000家。"
    assert number_signature(mixed) == number_signature(mixed)
    assert number_signature(mixed) != number_signature(mixed.replace("数千台", "3000台"))
