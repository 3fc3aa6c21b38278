"""Reading rules of the brief (issue 15): the opening, references, quotations, focus, noise, order.

The summit cluster below is written for these tests. Like the seed cluster, it hides the traps a
reader notices: an article that opens on a social-media post instead of the news, a quotation
standing alone without its speaker, a line cut off in the source ("... of a second E.U."),
sentences that open with "He" or "But", a paywall teaser, and the agreement that all four
articles report.
"""

from __future__ import annotations

# ruff: noqa: E501  (the articles are written one paragraph a line, as pages give them)
import json

import pytest

from newsbrief import summarize
from newsbrief.render import brief_to_dict, render_markdown, render_text
from newsbrief.select.readable import (
    cut_off,
    figures,
    opens_dangling,
    quotation_without_speaker,
    quotations,
    same_quotation,
    stand_alone,
)
from newsbrief.types import BriefSentence

SUMMIT = [
    {
        "title": "Varga and Reyes agree to second summit - Northland Herald",
        "source": "Northland Herald",
        "text": (
            "Premier Tomas Reyes, posting on social media from the capital, said he looked forward to seeing the minister again soon.\n"
            "Foreign Minister Lena Varga of Norland and Premier Tomas Reyes of Sudavia agreed on Sunday to hold a second summit as soon as possible, officials in Brask said.\n"
            "He said the talks had lasted about three hours.\n"
            "Varga travelled to Brask to settle the details of a second E.U.\n"
            "The two leaders first met in March at a border town, where they signed a short declaration on fishing rights.\n"
            "But the declaration set no timetable for the fishing quotas both sides want.\n"
        ),
    },
    {
        "title": "Norland and Sudavia plan second summit",
        "source": "Coastal Times",
        "text": (
            "Foreign Minister Lena Varga of Norland and Premier Tomas Reyes of Sudavia have agreed to hold a second summit as soon as possible.\n"
            "The announcement came on Sunday after Varga met Reyes in Brask for talks on fishing rights and border trade.\n"
            "To read this story in full, you must be a subscriber to Coastal Times All Access.\n"
            "“It was a useful step. I think it is a good result for everyone.”\n"
            "Varga told reporters in Brask that both governments wanted a treaty on fishing quotas before the winter season.\n"
            "Analysts said the talks were the most productive meeting between the two countries in a decade.\n"
        ),
    },
    {
        "title": "Second Norland-Sudavia summit agreed",
        "source": "Wire Service",
        "text": (
            "Norland and Sudavia agreed on Sunday to hold a second summit as soon as possible, after Foreign Minister Lena Varga met Premier Tomas Reyes in Brask.\n"
            "Reyes said on social media that progress had been made on the fishing agreement signed in March.\n"
            "The talks in Brask focused on fishing quotas, border trade and a planned ferry link between the two countries.\n"
            "They also discussed the release of two Norland fishermen held in Sudavia since August.\n"
            "Varga said the meeting was “a useful step and a good result for everyone” and that more work was needed.\n"
        ),
    },
    {
        "title": "Varga, Reyes to meet again",
        "source": "Evening Post",
        "text": (
            "Lena Varga and Tomas Reyes agreed in Brask on Sunday to arrange a second summit between Norland and Sudavia as soon as possible.\n"
            "The foreign minister arrived in Brask on Saturday for a two-day visit, her third trip to Sudavia this year.\n"
            "Officials said the ferry link and the fishing quotas would top the agenda of the second summit.\n"
            "However, neither side gave a date for the summit.\n"
        ),
    },
]

OFF_TOPIC = {
    "title": "Harbor United win the cup final",
    "text": (
        "Harbor United beat Riverside Rovers three goals to one in the cup final at a packed stadium on Saturday night.\n"
        "The striker Jonas Pell scored twice in the second half and was named player of the match.\n"
        "Rovers had taken the lead through a header from their captain after twenty minutes of play.\n"
        "United's goalkeeper saved a penalty just before half-time to keep the score level.\n"
        "Supporters celebrated in the streets around the stadium until the early hours of the morning.\n"
        "The club's coach said the trophy was the best moment of his career and thanked the fans.\n"
        "United will now play in the continental league next season for the first time since the club was founded.\n"
    ),
}


@pytest.fixture(scope="module")
def summit_brief():  # type: ignore[no-untyped-def]
    return summarize(SUMMIT, words=150)


def test_the_brief_opens_with_the_news_all_sources_report(summit_brief) -> None:  # type: ignore[no-untyped-def]
    first = summit_brief.sentences[0]
    assert "second summit" in first.text and "as soon as possible" in first.text
    assert first.index < 3 and first.support >= 3, "a lead sentence, backed by several independent sources"
    assert not first.text.startswith("Premier Tomas Reyes, posting"), "the social-media post is not the news"


@pytest.mark.parametrize(
    ("text", "dangles"),
    [
        ("He said the talks had lasted about three hours.", True),
        ("But the declaration set no timetable.", True),
        ("However, neither side gave a date.", True),
        ("They also discussed the release of two fishermen.", True),
        ("That person entered the museum through the same door.", True),
        ("The man was arrested on Sunday.", True),
        ("This is likely to occur again.", True),
        ("It's true of every nominee.", True),
        ("and then the vote was held.", True),
        ("Also on the agenda was a ferry link.", True),
        ("Now a new study suggests the opposite.", True),
        ("The new study found that hunger drives shopping.", True),
        ("Her husband said she had been bitten by a tick.", True),
        ("Outside, protesters gathered in the rain.", True),
        ("It is unclear whether the talks will resume.", False),  # "It" points at nothing
        ("This year's festival drew 40,000 visitors.", False),  # a demonstrative of time
        ("Foreign Minister Lena Varga met Premier Tomas Reyes.", False),
        ("The talks in Brask focused on fishing quotas.", False),
        ("Hundreds of residents were evacuated.", False),
        ("Thousands marched in the capital.", False),
        ("Theresa May said the vote would go ahead.", False),  # "The..." is not "The" + a role noun
        ("Italy's prime minister resigned on Monday.", False),  # "It" inside a word is no pronoun
    ],
)
def test_dangling_openings(text: str, dangles: bool) -> None:
    assert opens_dangling(text) is dangles


@pytest.mark.parametrize(
    ("text", "needs_speaker"),
    [
        ("“It was a useful step. I think it is a good result for everyone.”", True),
        ('"Many fans got here early," he said.', True),
        ("'There were only so many handed out.'", True),
        ("“It was a useful step,” Varga told reporters.", False),
        ('Varga said the meeting was "a useful step" and more work was needed.', False),
        ('"We are deeply saddened," the school district said in a statement.', False),
    ],
)
def test_quotations_need_their_speaker(text: str, needs_speaker: bool) -> None:
    assert quotation_without_speaker(text) is needs_speaker


def test_no_brief_sentence_dangles_or_quotes_without_its_speaker(summit_brief) -> None:  # type: ignore[no-untyped-def]
    previous = None
    for s in summit_brief.sentences:
        introduced = previous is not None and (previous.article, previous.index) == (s.article, s.index - 1)
        assert introduced or not opens_dangling(s.text), s.text
        assert introduced or not quotation_without_speaker(s.text), s.text
        previous = s
    assert all("It was a useful step. I think" not in s.text for s in summit_brief.sentences)


def test_a_sentence_cut_off_in_its_source_is_never_chosen(summit_brief) -> None:  # type: ignore[no-untyped-def]
    assert cut_off("Varga travelled to Brask to settle the details of a second E.U.")
    assert cut_off("The council approved the plan")
    assert not cut_off("The plan was approved in the U.S.")  # "in the U.S." ends a sentence; "a second U.S." does not
    assert not cut_off("Talks were held in Washington, D.C.")
    assert all(not cut_off(s.text) for s in summit_brief.sentences)
    assert all("second E.U." not in s.text for s in summit_brief.sentences)


def test_the_paywall_teaser_is_cleaned_away(summit_brief) -> None:  # type: ignore[no-untyped-def]
    assert all("subscriber" not in a.text for a in summit_brief.articles)


def test_one_quotation_is_never_carried_twice() -> None:
    short = quotations("Varga said the meeting was “a useful step and a good result for everyone” and more was needed.")
    whole = quotations("“It was a useful step. I think it is a good result for everyone,” Varga said.")
    other = quotations("“We will sign a treaty on fishing quotas before winter,” Reyes said.")
    assert same_quotation(short, whole), "the same words, cut and reworded"
    assert not same_quotation(whole, other)
    brief = summarize(SUMMIT, words=250)
    carried = [quotations(s.text) for s in brief.sentences if quotations(s.text)]
    for i, first in enumerate(carried):
        assert not any(same_quotation(first, later) for later in carried[i + 1 :])


def test_an_article_about_another_story_is_set_aside_and_reported() -> None:
    brief = summarize([*SUMMIT, OFF_TOPIC], words=150)
    assert [a.article for a in brief.set_aside] == [4]
    assert brief.set_aside[0].reason.startswith("another story")
    assert all(s.article != 4 and 4 not in s.sources for s in brief.sentences)
    data = brief_to_dict(brief)
    assert data["set_aside"] == [{"article": 4, "name": "Harbor United win the cup final", "reason": brief.set_aside[0].reason}]
    assert "Set aside: Harbor United win the cup final [5]" in render_markdown(brief)
    assert "Set aside: Harbor United win the cup final [5]" in render_text(brief)


def test_two_stories_of_comparable_size_get_a_warning() -> None:
    other_story = [dict(OFF_TOPIC), {"text": OFF_TOPIC["text"].replace("Saturday", "Friday") + "Tickets for the parade sold out in an hour.\n"}]
    brief = summarize([*SUMMIT[:2], *other_story], words=100)
    assert any("more than one story" in w and "newsbrief stories" in w for w in brief.warnings)


def test_a_placeholder_page_is_set_aside_as_no_story_text() -> None:
    notice = {"text": "Welcome to our archive of regional election coverage, collected by volunteers in many countries.\n"}
    brief = summarize([*SUMMIT, notice], words=100)
    assert [(a.article, a.reason.split(":")[0]) for a in brief.set_aside] == [(4, "no story text")]


def test_the_headline_is_the_most_representative_title_without_the_site_name(summit_brief) -> None:  # type: ignore[no-untyped-def]
    assert summit_brief.headline in {a.title.replace(" - Northland Herald", "") for a in summit_brief.articles if a.title}
    assert "Northland Herald" not in summit_brief.headline
    assert brief_to_dict(summit_brief)["headline"] == summit_brief.headline
    assert render_markdown(summit_brief).count(f"**{summit_brief.headline}**") == 1
    assert render_text(summit_brief).startswith(summit_brief.headline)
    assert summarize([a["text"] for a in SUMMIT], words=60).headline is None, "no titles, no headline"


def _brief_sentence(text: str, article: int = 0, index: int = 0) -> BriefSentence:
    return BriefSentence(text=text, article=article, index=index, sources=(article,))


def test_a_leading_connective_is_dropped_only_where_the_sentence_stands_alone() -> None:
    brief = stand_alone(
        [
            _brief_sentence("The ocean on Europa lies under a crust of ice, researchers said.", 0, 4),
            _brief_sentence("But the crust could be miles thick.", 0, 5),  # right after its own context: kept
            _brief_sentence("However, the probe will not land before 2030.", 1, 7),
            _brief_sentence("So far, no lander has been funded.", 1, 9),  # "So far" is no connective
            _brief_sentence("Now a new study suggests lakes lie inside the ice.", 2, 3),
        ]
    )
    assert [s.text for s in brief] == [
        "The ocean on Europa lies under a crust of ice, researchers said.",
        "But the crust could be miles thick.",
        "The probe will not land before 2030.",
        "So far, no lander has been funded.",
        "A new study suggests lakes lie inside the ice.",
    ]
    assert brief[2].rewritten_from == "However, the probe will not land before 2030."
    assert brief[1].rewritten_from is None and brief[3].rewritten_from is None


def test_a_rewritten_sentence_shows_the_change_and_keeps_its_evidence() -> None:
    articles = [
        "Officials in Port Alder said on Tuesday that a fire destroyed three warehouses at the harbor overnight.\n"
        "Firefighters from four towns fought the blaze until dawn, the fire chief said.\n",
        "Meanwhile, the harbor's ferry service to the islands will resume on Thursday morning.\n"
        "A fire at the Port Alder harbor destroyed three warehouses on Tuesday, officials said.\n"
        "The cause of the blaze is still under investigation by the state fire marshal.\n",
    ]
    brief = summarize(articles, words=200)
    rewritten = [s for s in brief.sentences if s.rewritten_from]
    assert rewritten, "the ferry sentence, alone, loses its 'Meanwhile,'"
    for s in rewritten:
        assert s.text == "The harbor's ferry service to the islands will resume on Thursday morning."
        assert s.evidence[0].text == s.rewritten_from == "Meanwhile, the harbor's ferry service to the islands will resume on Thursday morning."
        item = next(d for d in brief_to_dict(brief)["sentences"] if d["text"] == s.text)  # type: ignore[union-attr]
        assert item["rewritten"] == {"from": s.rewritten_from, "to": s.text}
    json.dumps(brief_to_dict(brief))


def test_two_sentences_stating_one_figure_are_not_both_chosen() -> None:
    assert figures("Police said 23 banks were robbed in 2019, the 4,000th case.") == {"23", "4000th"}
    articles = [
        "Police in Dover have linked one man to 23 bank robberies across three states since March.\n"
        "Investigators released images from security cameras on Monday and asked the public for help.\n",
        "A man suspected of 23 bank robberies in three states is being sought by Dover police.\n"
        "The robber usually hands tellers a note and leaves on foot, detectives said.\n"
        "Dover police believe the man robbed 23 banks since March, according to a statement released Monday.\n",
    ]
    brief = summarize(articles, words=200)
    stating = [s.text for s in brief.sentences if "23" in s.text]
    assert len(stating) == 1, stating


def test_a_dependent_sentence_is_read_right_after_the_one_it_depends_on() -> None:
    brief = summarize(SUMMIT, words=250)
    position = {(s.article, s.index): i for i, s in enumerate(brief.sentences)}
    for s in brief.sentences:
        if opens_dangling(s.text) or quotation_without_speaker(s.text):
            assert position.get((s.article, s.index - 1)) == position[(s.article, s.index)] - 1, s.text
