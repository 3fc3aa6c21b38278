import pytest

from newsbrief.clean import clean_article, clean_cluster, noise_reason, repair_glued
from newsbrief.types import Article


@pytest.mark.parametrize(
    "line",
    [
        "Accessibility links",
        "Breaking News",
        "XS",
        "Reading Time: 3 minutes",
        "More news: Local team wins the cup final",
        "Read more: U.S. and North Korea Agree to New Summit Meeting - The Times",
        "Watch related video below:",
        "No comments found",
        "Advertisement",
        "Sign up for our morning newsletter to get the latest local news.",
        "Follow Northshore Daily on Twitter for updates.",
        "Please enable Javascript to watch this video",
        "Story Continued Below",
        "Tweet with a location",
        "© 2031 The Alder Gazette. All rights reserved.",
        "The Associated Press contributed to this report.",
        "Home | Local | Weather | Sports",
    ],
)
def test_noise_lines_are_recognized(line: str) -> None:
    assert noise_reason(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Fire Chief Marta Okafor said crews battled the blaze for more than six hours.",
        "U.S. officials said the talks would resume in Geneva on Monday.",
        '"We are grateful that nobody lost their life tonight," Prath told reporters.',
        "The company said it would sign a new contract with the union next week.",
        "Investigators read the report and said more work was needed.",
    ],
)
def test_prose_is_kept(line: str) -> None:
    assert noise_reason(line) is None


@pytest.mark.parametrize(
    ("glued", "repaired"),
    [
        ("he had a good, productiveconversation with Kim", "he had a good, productive conversation with Kim"),
        ("Prath said.The harbor is closed.", "Prath said. The harbor is closed."),
        ("many steps along the wayand we took one", "many steps along the way and we took one"),
        ("discussed potential U.S.inspections of sites", "discussed potential U.S. inspections of sites"),
    ],
)
def test_glued_text_is_repaired(glued: str, repaired: str) -> None:
    assert repair_glued(glued) == repaired


@pytest.mark.parametrize("word", ["Chairman", "denuclearization", "Tulowitzki", "cyberattacks", "U.S."])
def test_real_words_are_not_split(word: str) -> None:
    assert repair_glued(f"The {word} spoke.") == f"The {word} spoke."


def test_repeated_caption_is_removed_and_title_found() -> None:
    caption = "A firefighter sprays water on a burning warehouse at the harbor on Tuesday."
    text = f"Menu\nWarehouse fire shuts the harbor\n{caption}\n{caption}\nThe fire burned for six hours, officials said."
    cleaned = clean_article(Article(id="a", text=text))
    assert cleaned.title == "Warehouse fire shuts the harbor"
    assert caption not in cleaned.text
    assert "six hours" in cleaned.text


def test_short_lines_shared_across_articles_are_removed() -> None:
    shared = "Latest from our newsroom today here"
    a = Article(id="a", text=f"{shared}.\nThe mayor closed the harbor until Friday, officials said.")
    b = Article(id="b", text=f"{shared}.\nFour firefighters were treated for smoke inhalation, the chief said.")
    cleaned = clean_cluster([a, b])
    assert all(shared not in c.text for c in cleaned)
    assert "harbor" in cleaned[0].text and "firefighters" in cleaned[1].text


def test_a_title_cut_off_after_its_opening_quotation_mark_loses_the_mark() -> None:
    text = (
        "Port Alder mayor promises harbor reopening ‘\n"
        "The harbor will reopen on Friday, the mayor said on Wednesday after engineers inspected the quay."
    )
    cleaned = clean_article(Article(id="a", text=text))
    assert cleaned.title == "Port Alder mayor promises harbor reopening"
    assert cleaned.label == "Port Alder mayor promises harbor reopening"
