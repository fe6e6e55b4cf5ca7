"""The pure judgement: a claim (or a whole message) against a published fact-check's claim."""

from __future__ import annotations

import pytest

from claimtrack.text.factmatch import judge, matchable, pieces


@pytest.fixture(autouse=True, params=["with tokenizer", "without"])
def tools(request):
    """The importer installs OpenCC and jieba; the pure core must judge sensibly either way."""
    from claimtrack.ingest.factchecks import install_matching_tools
    from claimtrack.text import factmatch

    install_matching_tools()
    if request.param == "without":
        factmatch.install_tokenizer(None)
    yield
    factmatch.install_tokenizer(None)


def needs_tokenizer(reason: str) -> None:
    """Skip the "without" run of a test whose Chinese words are read through jieba."""
    from claimtrack.text import factmatch

    if not factmatch.tokenizer_installed():
        pytest.skip(reason)


CLAIM = "数据显示，海淀目前聚集人工智能相关企业近2000家，占北京全市的一半以上。"


def test_the_same_claim_reworded_is_confident():
    j = judge("More than 1,200 companies in China now hold licences to recycle electric-vehicle batteries.",
              "More than 1,200 companies in China hold licences to recycle electric-vehicle batteries")
    assert j.suggested and j.confident


def test_a_different_number_is_never_suggested():
    assert not judge(CLAIM, "海淀目前聚集人工智能相关企业近3000家，占北京全市的一半以上").suggested
    assert not judge("The unemployment rate fell to 4.1% in 2023.", "The unemployment rate fell to 4.1% in 2021.").suggested


def test_a_different_place_is_not_confident():
    j = judge("Flooding closed 40 schools in Kowloon on Monday.", "Flooding closed 40 schools in Sha Tin on Monday.")
    assert not j.confident


def test_fewer_numbers_on_one_side_is_a_suggestion_only():
    j = judge(CLAIM, "海淀目前聚集人工智能相关企业近2000家")
    assert j.suggested and not j.confident and j.reason == "numbers on one side only"


def test_a_whole_forwarded_message_matches_through_its_sentence():
    message = ("【緊急通知】\n請大家轉傳給親友！\n衛生署證實，喝熱檸檬水可以殺死新冠病毒。\n"
               "https://line.me/R/ti/p/abcdef\n不轉不是中國人")
    j = judge(message, "喝熱檸檬水可以殺死新冠病毒")
    assert j.suggested and j.similarity >= 0.9


def test_urls_and_share_lines_are_not_matched_on():
    assert "line.me" not in matchable("看這裡 https://line.me/R/ti/p/abc 快")
    a = "請轉傳！\nhttps://line.me/R/ti/p/abc\n國道一號今晚封閉施工"
    b = "請轉傳！\nhttps://line.me/R/ti/p/abc\n台北捷運明天停駛"
    assert not judge(a, b).suggested
    assert all("line.me" not in p for p in pieces(a))


def test_unrelated_texts_are_far_apart():
    assert not judge(CLAIM, "Tesla recalled 2 million cars over autopilot concerns").suggested


def test_a_summary_that_rounds_down_is_suggested_but_not_confident():
    j = judge("截至美东时间8月1日下午5时34分，美国共有新冠病毒感染病例4608206例，其中包括死亡病例154145例。",
              "美国新冠感染病例超460万例。")
    assert j.suggested and not j.confident
    assert not judge("美国共有新冠病毒感染病例4608206例。", "美国新冠感染病例超470万例。").suggested


def test_a_summary_never_adds_precision_the_claim_lacks():
    assert not judge("He more than doubled state spending while he was Governor - 122% increase.",
                     "State spending rose 22 percent while he was governor.").suggested


def test_another_date_or_period_is_a_different_claim():
    claim = "7月24日，世卫组织发布报告显示，全球单日新增确诊超28.4万例，创新高。"
    assert judge(claim, "世卫组织7月24日报告称，全球单日新增新冠确诊超28.4万例。").suggested
    assert not judge(claim, "世卫组织6月24日报告称，全球单日新增新冠确诊超28.4万例。").suggested
    assert not judge("We have 33,000 people a year who die from gun violence.",
                     "33,000 people die from gun violence every month.").suggested
    assert not judge("钟南山说过“五月份疫情将全面爆发”", "网传钟南山称“十月份疫情将全面爆发”。").suggested


def test_a_headline_with_its_debunk_below_matches_through_the_headline():
    message = "意大利警察当街把65岁以上的老年人都抓了关起来\n谣言\n此事并不是发生在现在的意大利，视频中的人说的并不是意大利语。"
    assert judge(message, "网传视频：意大利警察当街抓捕65岁以上老人并关押起来。").suggested


def test_a_replaced_place_is_not_suggested(request):
    needs_tokenizer("Chinese places are told apart by the tokenizer")
    message = "钟南山10月12日抵达青岛协助疫情防控工作\n谣言\n10月12日，钟南山院士搭乘航班从广州飞往北京，并未前往青岛。"
    assert not judge(message, "网传钟南山院士10月12日抵达大连协助疫情防控工作。").suggested
    assert judge(message, "网传钟南山院士10月12日抵达青岛协助疫情防控。").suggested


def test_opposite_directions_are_not_suggested():
    assert not judge("Actually, we've increased funding for nuclear nonproliferation about 35 percent.",
                     "Funding for nuclear nonproliferation programs was cut.").suggested


def test_word_keys_find_a_summary_inside_a_long_message():
    from claimtrack.text.factmatch import keys

    message = ("天气渐渐热起来了，而新冠肺炎还没有结束，现在有一个更恐怖的问题来了，全国只设有三个病毒研究所，而武汉就是其中一个。"
               "武汉病毒研究所的所长石正丽教授今天凌晨向全国人民发出警告：蚊虫叮咬将成为新冠病毒的第三种传播途径，比人传人更可怕。")
    assert keys(message) & keys("网传武汉病毒研究所所长石正丽发出警告：蚊虫叮咬将成为新冠病毒第三种传播途径。")


def test_a_chinese_claim_and_an_english_check_of_the_same_figure_are_suggested():
    from claimtrack.text.factmatch import keys

    zh = "据美国约翰斯·霍普金斯大学疫情实时监测系统显示，美国共有新冠病毒感染病例4608206例。"
    same = "U.S. coronavirus infections have passed 4.6 million, according to Johns Hopkins University."
    j = judge(zh, same)
    assert j.suggested and not j.confident and j.reason == "across languages"
    assert keys(zh) & keys(same)  # found through the figure's number key
    assert not judge(zh, "U.S. coronavirus infections have passed 5.6 million.").suggested
    assert not judge(zh, "Brazil's coronavirus infections have passed 4.6 million.").suggested
    assert not judge(zh, "Johns Hopkins University says U.S. coronavirus infections are rising.").suggested  # no figure


def test_links_and_share_lines_give_no_index_keys():
    from claimtrack.text.factmatch import keys

    share = "請大家轉傳給親友！\nhttps://line.me/R/ti/p/abcdef\n不轉不是中國人"
    assert keys(share) == set()
    assert keys("國道一號今晚封閉施工\n" + share) == keys("國道一號今晚封閉施工")


def test_numbers_in_words_are_numbers():
    assert judge("Of the nine million people put to work in new jobs since I took office, 1.3 million are Black.",
                 "Of 9 million new jobs under the president, 1.3 million went to Black Americans.").suggested
    assert judge("Twenty percent of the upper-income people pay about 80 percent of the taxes in America.",
                 "The top 20 percent of earners pay about 80 percent of U.S. taxes.").suggested
    assert not judge("There have been only six cases brought by this Attorney General under the voting bill.",
                     "Sixteen cases have been brought by the Attorney General under the voting bill.").suggested
    assert not judge("Over the past 13 months we've added 1.9 million new jobs.",
                     "The U.S. added 1.9 million jobs in the last six months.").suggested


def test_a_relative_day_an_amount_of_money_and_a_country_alias_agree():
    assert judge("2月24日武汉市新增新冠肺炎死亡病例56例，较23日的131例下降了一半。",
                 "2月24日武汉新增新冠死亡病例56例，比前一天的131例减少一半。").suggested
    assert judge("美帝出动十艘医療船，180座战地医院，应付疫情爆發。", "网传美国出动10艘医疗船、180座战地医院应对新冠疫情。").suggested


def test_not_just_is_no_denial():
    assert judge("Syria is not just a tragedy of 30,000 civilians being killed by a military, but also a threat.",
                 "30,000 civilians have been killed by the military in Syria.").suggested
    assert not judge("30,000 civilians were not killed by the military in Syria.",
                     "30,000 civilians have been killed by the military in Syria.").suggested


def test_names_and_negations_the_summary_leaves_out_do_not_veto_it():
    needs_tokenizer("Chinese names are told apart by the tokenizer")
    assert judge("根据亚美尼亚卫生部新闻局6月1日通报的数据，该国确诊新冠病例总数达到9402人，过去一昼夜新增120例确诊病例，"
                 "康复病例为3402例，死亡139例。", "截至6月1日，亚美尼亚累计确诊新冠病例9402例，死亡139例。").suggested


def test_a_negation_elsewhere_in_a_long_sentence_does_not_veto():
    needs_tokenizer("Chinese words and negations are read through the tokenizer")
    assert judge("貢寮車站是歷經92個年頭的老車站，前年斥資近兩千萬，進行外觀美化改善工程，改善後外觀大不同，但內部無障礙設施還是欠缺，"
                 "樓梯太陡對於老人家來說，真的很危險也不方便。", "有92年歷史的貢寮車站花費近兩千萬元整修外觀，但仍缺無障礙設施。").suggested
    assert not judge("43 or 44 countries have not become democracies since he became president.",
                     "43 or 44 countries have become democracies since he became president.").suggested


def test_a_name_opening_the_text_is_a_name_and_an_opener_is_not():
    assert not judge("Spain -- Spain spends 42 percent of their total economy on government.",
                     "Greece spends 42 percent of its economy on government.").suggested
    assert judge("Look, 95 percent of our containers coming into this country are not inspected today.",
                 "95 percent of cargo containers entering the United States are not inspected.").suggested


def test_a_tweet_adding_handles_hashtags_and_its_signature_is_suggested():
    tweet = ("Thank you! I thought I was the only one who remembered. @BarackObama banned Fox News from being at any of "
             "his press conferences. — lisa modica (@LisaNovi777) November 14, 2018")
    assert judge(tweet, "The Obama administration blocked or banned Fox News reporters from White House press "
                        "conferences.").suggested
    assert judge("Even Robert E. Lee opposed monuments to Robert E. Lee — Alexander Clarkson (@APHClarkson) August 17, "
                 "2017", "Former Confederate General Robert E. Lee expressed opposition to Confederate monuments.").suggested


def test_a_shortened_name_or_an_abbreviated_one_is_the_same_name():
    assert judge("Devos' first order: flatten all globes in public schools so the kids will see the earth like God "
                 "intended.", "Education Secretary Betsy DeVos ordered that all classroom globes be flattened.").suggested
    assert judge("The Natl Science Foundation did a study which said it would be difficult to reach fuel efficiency "
                 "standards in excess of 37 miles per gallon by the year 2000.",
                 "A National Science Foundation study found fuel efficiency standards above 37 mpg would be hard to "
                 "reach by 2000.").suggested


def test_a_name_replaced_in_the_same_role_is_not_suggested():
    assert not judge("The average cost of a health care insurance plan in America today is $5,800.",
                     "The average health insurance plan in Canada costs $5,800.").suggested  # aligned: a swap
    assert not judge("The Chinese have a 15 billion dollar trade surplus with the United States under Mr. Bush.",
                     "Japan has a $15 billion trade surplus with the United States.").suggested  # a place for a place
    assert not judge("The Congressional Budget Office has said it will cost $2,500 a year more than traditional "
                     "insurance.", "The Government Accountability Office says Obamacare costs $2,500 a year more "
                                   "than traditional insurance.").suggested  # an office for an office


def test_names_added_on_both_sides_are_never_confident_and_aligned_they_are_replaced():
    j = judge("Anons say that Fox News reporters were banned from all White House press conferences.",
              "Fox News reporters were banned from all White House press conferences, the FBI says.")
    assert j.suggested and not j.confident
    assert not judge("Fox News reporters were banned from all White House press conferences, Anons say.",
                     "Fox News reporters were banned from all White House press conferences, the FBI says.").suggested


def test_a_figure_the_claim_lacks_is_added_one_it_states_otherwise_is_replaced():
    tweet = "Tomorrow, the country of #Brunei will start stoning gay people to death. — Ellen (@TheEllenShow) April 2, 2019"
    j = judge(tweet, "In 2019, Brunei introduced laws with a penalty of death by stoning for gay people.")
    assert j.suggested and not j.confident
    assert not judge(tweet, "In 2021, Brunei introduced laws with a penalty of death by stoning for gay people.").suggested
    added = judge("The SOTU had more viewers than the Super Bowl.", "More people watched the 2019 State of the Union "
                                                                    "than the Super Bowl.")
    assert added.suggested and not added.confident and added.reason == "numbers on one side only"
    assert not judge("The SOTU had more viewers than the Super Bowl.", "In 2019, 40 million more people watched the "
                                                                       "State of the Union than the Super Bowl.").suggested


def test_slash_dates_decades_halves_and_a_figure_read_as_a_year_compare():
    assert judge("韓國瑜於5/1（三）上午去世（下一行）新大學進行校園座談", "網傳韓國瑜於5月1日上午去世").suggested
    assert not judge("韓國瑜於5/1（三）上午去世（下一行）新大學進行校園座談", "網傳韓國瑜於5月3日上午去世").suggested
    assert not judge("Since the late sixties we've had a reduction in the percentage of taxes paid by corporations from "
                     "30 percent down to about 20 percent.", "Since the late 1970s, corporations' share of taxes "
                                                             "has fallen from 30 percent to about 20 percent.").suggested
    assert not judge("Twenty percent of the upper-income people pay about 80 percent of the taxes in America today.",
                     "The top 20 percent of earners pay about half of all taxes in America.").suggested
    assert judge("请问：939090张票+1823投票所，再+8小时=64人，一小时内投完票", "网传939090票除以1823个投票所再除以8小时，"
                                                                  "每小时64人").suggested
    message = "偉大的蔡英文到海地才四小時、就送了四拾五億、高雄要滅登革熱五千萬才給二千多萬!什麼政府。"
    assert judge(message, "網傳蔡英文到海地才四小時就送了45億，高雄防治登革熱卻只給2千多萬").suggested  # formal numerals
    assert not judge(message, "網傳蔡英文到海地才四小時就送了45億，高雄防治登革熱卻只給3千多萬").suggested


def test_a_negation_counts_only_against_what_the_other_side_states(request):
    from claimtrack.text import factmatch

    assert not judge("In the 2000 debates, there was no mention of terrorism, for instance.",
                     "Terrorism was a major topic in the 2000 presidential debates.").suggested
    if not factmatch.tokenizer_installed():
        pytest.skip("Chinese negations are read through the tokenizer")
    long_message = "宜蘭收容所內有受收容人發燒37.9度，被嫌不夠燙，等了4天才有駐診醫生看診，以及午睡時段不准上廁所"
    assert judge(long_message, "網傳宜蘭收容所受收容人發燒37.9度，等了4天才有駐診醫生看診").suggested
    assert not judge("哈尔滨已经封城！因绥芬河口岸疫情影响，现在不进不出", "哈尔滨受绥芬河口岸疫情影响，但并未封城").suggested
    assert not judge("网传喝姜茶能治愈新冠肺炎", "喝姜茶不能治愈新冠肺炎").suggested  # 不能治愈: one word to jieba


def test_a_tweet_signature_is_not_what_the_tweet_claims():
    tweet = ("Our new bridge over the river will open before winter, on budget and on time. "
             "— Maria Delgado Ruiz (@mariadelgado) October 5, 2021")
    assert not judge(tweet, "Maria Delgado Ruiz was arrested for tax fraud in October 2021.").suggested
    assert judge(tweet, "Maria Delgado Ruiz promised the new bridge would open before winter.").suggested


def test_pieces_alike_in_letters_with_no_content_word_in_common_are_not_suggested():
    message = ("Are you a charity? Would you like to receive fresh food to help spread festive cheer to those "
               "in need? Our stores will close early on 24th December and we are donating what is left.")
    assert not judge(message, "A comet will hit the earth on the eve of the holiday.").suggested


def test_a_noun_replaced_where_the_texts_align_is_another_claim_and_a_synonym_is_not():
    needs_tokenizer("Chinese words are read through the tokenizer")
    post = "市长带着他的狗去公园散步，有几十名保安陪同！"
    assert not judge(post, "网传市长带着他的猫去公园散步，有几十名保安陪同").suggested
    assert judge(post, "网传市长带着他的狗去公园散步，有几十名保安陪同").suggested
    assert judge("他生病了，医生说要住院三天观察", "网传他生病了，大夫说要住院三天观察").suggested  # doctor / physician


def test_a_noun_replaced_in_another_sentence_of_the_message_is_another_claim():
    needs_tokenizer("Chinese words are read through the tokenizer")
    post = "花了800万！把大楼外墙由白色刷成黄色！这是市政府现在进行的工程！"
    assert not judge(post, "网传市政府花了800万，把大楼外墙由白色刷成灰色").suggested
    assert judge(post, "网传市政府花了800万，把大楼外墙由白色刷成黄色").suggested


def test_english_pieces_sharing_only_names_need_more_likeness():
    claim = ("Last night the Grand Final drew far more viewers on television than the Melbourne Cup ever did, "
             "and the home side won again.")
    assert not judge(claim, "A horse died after racing in the Melbourne Cup in November.").suggested
    assert judge("The Melbourne Cup was cancelled for the first time in its history this year.",
                 "This year's Melbourne Cup was cancelled, a first in its history.").suggested


def test_an_amount_of_yi_and_qianwan_is_one_amount():
    post = "市府翻修大楼花了1亿2千万，超过前三任市长的总和"
    assert judge(post, "网传市府翻修大楼花1.2亿元，超过前三任市长总和").suggested
    assert not judge(post, "网传市府翻修大楼花2亿4千万，超过前三任市长总和").suggested
