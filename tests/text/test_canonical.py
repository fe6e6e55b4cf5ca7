from claimtrack.text import canonicalize, detect_language


def test_newlines_controls_and_zero_width_are_folded():
    raw = "\ufeff a\u00a0\u3000b\t c \r\nd\re\u2028f\u2029g\x85h\x00i\u200bj\u2060k"
    assert canonicalize(raw) == "a b c\nd\ne\nf\ng\nhijk"


def test_blank_lines_collapse_to_one_paragraph_break():
    assert canonicalize("one\n \n\u3000\n\n\ntwo\n") == "one\n\ntwo"


def test_nfc_composes_and_is_idempotent_after_removals():
    once = canonicalize("e\x00\u0301 cafe\u0301")
    assert once == "é café"
    assert canonicalize(once) == once


def test_detect_language():
    assert detect_language("近2000家AI企业,OmniScientist系统上线。") == "zh"
    assert detect_language("The U.S. added 200,000 jobs.") == "en"
    assert detect_language("") == "en"
