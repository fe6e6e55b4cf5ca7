from claimtrack.text import fingerprint, normalize


def test_chinese_and_arabic_numerals_and_spacing_fold_together():
    assert normalize("近2000家AI企业") == normalize("近两千家 AI 企业") == "近2000家ai企业"
    assert normalize("1.2万辆") == normalize("一万二千辆") == "12000辆"
    assert fingerprint("近2000家AI企业。") == fingerprint("近两千家 ＡＩ 企业")


def test_width_case_punctuation_and_separators():
    assert normalize("ＧＤＰ增长５．３％！") == "gdp增长5.3%"
    assert normalize("1,200 jobs, The U.S.") == "1200jobstheus"
    assert normalize("3.5%") != normalize("35%")


def test_fingerprint_is_stable_hex():
    fp = fingerprint("x")
    assert len(fp) == 64 and int(fp, 16) >= 0
