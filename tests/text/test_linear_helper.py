"""The learned scorers share one inference helper, and it computes what they trained."""

import math

from claimtrack.text import linear, parse_quantities
from claimtrack.text import score_en as en
from claimtrack.text import score_zh as zh


def test_probability_is_the_logistic_of_the_summed_weights_minus_the_shift():
    weights = {1: 0.5, 2: -2.0, 7: 40.0}
    assert linear.probability(weights, 0.25, [1, 2, 3]) == 1 / (1 + math.exp(1.75))
    assert linear.probability(weights, 0.0, [7]) == 1 / (1 + math.exp(-30.0))  # clipped at |z| = 30
    assert linear.probability({}, 0.0, []) == 0.5


def test_both_scorers_read_their_own_file_through_the_helper():
    assert en.load_weights() is linear.load_weights("en_weights.bin")
    assert zh.load_weights() is linear.load_weights("zh_weights.bin")
    assert en.load_weights()[0] != zh.load_weights()[0]


def test_scores_are_the_helper_applied_to_the_features():
    text = "Unemployment fell to 3.5 percent last year, the lowest since 1969."
    names, _ = en.features(text, parse_quantities(text))
    w, shift = en.load_weights()
    assert en.score_en(text, parse_quantities(text))[0] == linear.probability(w, shift, {en.bucket(n) for n in names})
    text = "据统计局数据，去年全国粮食产量达到6.5亿吨，同比增长0.9%。"
    buckets, _ = zh.features(text, parse_quantities(text))
    w, shift = zh.load_weights()
    assert zh.score_zh(text, parse_quantities(text))[0] == linear.probability(w, shift, buckets)
