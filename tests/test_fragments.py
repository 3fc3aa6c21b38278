"""Sentences that are not statements of the story: reader address, verbless fragments, trailing
ellipses, glued and trailing photo credits. Each rule is checked on a line it must drop and on
prose near it that must stay."""

from __future__ import annotations

import pytest

from newsbrief.clean import clean_article, noise_reason
from newsbrief.segment import split_article
from newsbrief.types import Article


@pytest.mark.parametrize(
    "text",
    [
        "Check out the gallery of the flooded harbour below.",
        "You can watch the ceremony live on our website tonight.",
        "Your support keeps our local reporting free for everyone.",
        "Look at the replay of the collision from the stern camera.",
        "Don't forget to set your clocks back this weekend.",
        "A rescue boat near the harbour entrance at dawn.",  # a verbless caption ("crews" would read as a verb)
        "Officials broached a new plan for the port, signaling a compromise...",  # a teaser cut off
        "Smoke rises over the container terminal early Monday. U.S. Coast Guard",  # a caption with its credit
        "Officials spoke to reporters at the harbour on Monday. (May 4, 2031) Bay Observer Media",  # a video caption, dated
        "The channel could silt up again within a year Professor Ana Lopes, University of Kestrel",  # a pull quote and its speaker
        "(May 4, 2031) Bay Observer Media",
        "Read the harbour master's full statement here.",  # pointers to the page around the story
        "The video shown here explains how the channel is dredged.",
        "Below is a timeline of the ferry's last voyage.",
        "More on the inquiry after the jump!",
        "For more information on sailing times, visit our ferry tracker.",
        "Fill in the form below to join our mailing list for harbour news.",
        "Ferry runs aground in fog (2:41) Passengers were taken ashore by lifeboat on Sunday.",  # a video's title and running time
        "[Harbour master: 'We were lucky this time.",  # a related link in brackets, cut off
        "*You can renew your ferry pass online for a small fee.",
        "Route Fare 2030 2031 Adult $12 $14 Child $6 $7 Car $40 $44",  # a table flattened into one line
        "Two of the rescue boats belonging to the Kestrel Island volunteers.",  # a caption naming part of a set
        "For more coverage of the grounding, please visit our live page.",
        "Please reach out directly if you have any questions about the fund.",
        "The lists below show every sailing cancelled this week.",
        "If you have sailed on the ferry, we'd love to hear from you.",
        "Source: Calculations by the Bay Observer based on port authority data",
        "Ilse Brandt: 'We will find out why the ferry left the channel'",  # a related article's headline
        "By Ana Lopes and Tom Reyes Sure, the ferry is back in service, but the channel is not dredged.",  # a glued byline
        "Note: Sailing times are based on the operator's published schedule.",
        "Skip Twitter post by @KestrelCoastGuard The ferry was refloated at high tide.",
        "This clip is distributed by Bay Video - for any licensing requests contact the desk.",
        "said harbour master Tomas Reyes, who has run the port since 2019.",  # the tail of a sentence the page split
        "Go to the port authority website and create an account.",
        "— Ilse Brandt, asked whether the ferry should have sailed in fog",  # the speaker under a pull quote
        "Ana Lopes and Tom Reyes are reporters for the Bay Observer.",  # a staff credit
        "Rep. Jane Roe's statement to the harbour committee, as prepared for delivery:",  # a list intro after a title
    ],
)
def test_lines_that_state_nothing_are_dropped(text: str) -> None:
    assert noise_reason(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        '"You have to rebuild before winter," the mayor told reporters on Tuesday.',
        "Younger residents were the first to leave the flooded district.",
        "The ferry sank on Monday.",
        "Ferries resumed at noon.",
        "Crews fought the fire for six hours.",
        "It was, she said, a mistake she would not repeat. …",  # an ellipsis marking words left out of a quote
        "Watchdog groups asked the port authority to publish the inspection reports.",
        "He served twenty years in the U.S. Coast Guard.",
        "iPhone sales at the island shop rose 10 percent.",
        "Two pupils are reporters for the school paper, the teacher said.",
        "Divers found the hull intact below the waterline, the coast guard said.",
        "Residents said they could see the ferry's lights from the cliffs above.",
        "For more than a decade the island relied on a single ferry.",
        "By Friday and Saturday the channel was open again.",
        "Two of the rescue boats were damaged in the storm.",
        "Many of the complaints note that the ferry was late.",
        "Please, the mayor begged, let the inquiry finish its work.",
        "Residents said they would love to hear an apology from the operator.",
        "Fares rose from $12 to $14 in 2031, from $6 to $7 for children and from $40 to $44 for cars.",
        "Captain Ilse Brandt: 'We were lucky.'",
    ],
)
def test_prose_near_the_rules_is_kept(text: str) -> None:
    assert noise_reason(text) is None


def test_only_the_offending_sentence_of_a_paragraph_is_dropped() -> None:
    text = (
        "The harbour reopened on Tuesday after a three-day closure. Check out our full gallery of the clean-up. "
        "Port officials said two berths remain closed for repairs."
    )
    sentences = [s.text for s in split_article(clean_article(Article(id="a", text=text)), 0)]
    assert sentences == [
        "The harbour reopened on Tuesday after a three-day closure.",
        "Port officials said two berths remain closed for repairs.",
    ]


def test_a_photo_credit_glued_to_the_first_sentence_is_removed() -> None:
    text = "Jane Roe, Getty Images The harbour reopened on Tuesday after a three-day closure.\nPort officials said two berths remain shut."
    cleaned = clean_article(Article(id="a", text=text)).text
    assert cleaned.startswith("The harbour reopened on Tuesday")
    shared = clean_article(Article(id="a", text="Email This Even at 88, the ferry's captain still sails every day.")).text
    assert shared.startswith("Even at 88")
    kept = clean_article(Article(id="a", text="Jim Ortiz, the harbour master's brother, said the berths would reopen.")).text
    assert kept.startswith("Jim Ortiz, the harbour master's brother")
    agency = clean_article(Article(id="a", text="Rex Features The old ferry was towed out of the harbour on Tuesday morning.")).text
    assert agency.startswith("The old ferry"), "a picture agency's name alone, glued to the caption"
    named = clean_article(Article(id="a", text="Shutterstock said on Monday it would open a harbour office next year.")).text
    assert named.startswith("Shutterstock said"), "the agency as the subject of a sentence stays"


def test_a_sentence_broken_across_lines_is_joined_again() -> None:
    text = (
        "The new harbour rules will require pilots on every ferry entering the channel\n"
        "in fog or at night, the port authority said.\n"
        "Buoys\nlanterns\nhorns"
    )
    sentences = [s.text for s in split_article(clean_article(Article(id="a", text=text)), 0)]
    joined = "The new harbour rules will require pilots on every ferry entering the channel in fog or at night, the port authority said."
    assert sentences == [joined]


def test_every_page_pointer_alternative_has_a_cue_word() -> None:
    """`_POINTER_CUES` is a cheap pre-test: an alternative of `_PAGE_POINTER` without a cue word would never be tried."""
    from newsbrief.clean.fragments import _PAGE_POINTER, _POINTER_CUES

    alternatives, depth, current = [], 0, ""
    for ch in _PAGE_POINTER.pattern:
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            alternatives.append(current)
            current = ""
        else:
            current += ch
    alternatives.append(current)
    assert len(alternatives) >= 8
    for alternative in alternatives:
        readable = alternative.replace(r"\s+", " ").replace("'?", "")
        assert any(cue in readable for cue in _POINTER_CUES), alternative
