"""Stories: grouping a stream of articles, persistence across runs, and the `stories` command.

The fixture articles are written for these tests: three stories told by three outlets each in
different words, one unrelated article, and ten later articles (more on two stories, one new).
"""

from __future__ import annotations

import glob
import itertools
import json
import os
import random
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from newsbrief.cli import main
from newsbrief.errors import ConfigError
from newsbrief.stories import StoryStore, build_stories, update_stories
from newsbrief.stories.db import connect, parse_target
from newsbrief.stories.group import group
from newsbrief.stories.index import StoryIndex
from newsbrief.stories.io import read_jsonl_articles
from newsbrief.stories.store import SCHEMA_VERSION, migrate, schema_version
from newsbrief.stories.vectors import analyze, entities, parse_time
from newsbrief.types import Article

STORIES: dict[str, list[tuple[str, str, str, str, str]]] = {
    "dam": [
        ("dam-1", "Marrowby Gazette", "2031-03-02T08:00:00Z", "Teller Dam breach floods Marrowby",
         "The Teller Dam above Marrowby gave way before dawn on Sunday, sending the River Teller through the lower town. "
         "Fire chief Oona Reddick said 340 homes were evacuated and two people were taken to hospital with hypothermia. "
         "Engineers had warned the county in 2029 that the spillway of the Teller Dam was cracked. "
         "Residents of Marrowby waded through waist-deep water to reach the high school, which opened as a shelter."),
        ("dam-2", "Northern Wire", "2031-03-02T11:30:00Z", "Hundreds evacuated after Marrowby dam collapse",
         "Floodwater from the collapsed Teller Dam swamped Marrowby on Sunday morning. "
         "Chief Oona Reddick of the Marrowby fire service put the number of evacuated homes at about 340. "
         "A 2029 inspection report seen by the Northern Wire described cracks in the spillway of the dam. "
         "The county opened the Marrowby high school gym to families who lost their homes to the River Teller."),
        ("dam-3", "County Radio", "2031-03-03T07:15:00Z", "Marrowby counts the cost of the Teller flood",
         "A day after the Teller Dam failed, Marrowby residents returned to mud-filled streets. "
         "Reddick said the river had dropped but warned that the damaged dam could still shed debris. "
         "Questions are growing over why repairs recommended for the spillway in 2029 were never made. "
         "The shelter at Marrowby high school housed 210 people overnight."),
    ],
    "bikes": [
        ("bike-1", "Tech Ledger", "2031-03-04T09:00:00Z", "Quillon recalls 80,000 e-bike batteries over fire risk",
         "Quillon Systems is recalling 80,000 lithium batteries sold with its Vireo electric bikes after 14 reports of fires. "
         "The company said a faulty cell separator can overheat while the battery charges. "
         "Owners of Vireo bikes built between May and October should stop charging them and request a free replacement pack. "
         "Quillon chief executive Tomas Ekdahl apologised to customers."),
        ("bike-2", "Consumer Watch", "2031-03-04T13:45:00Z", "Vireo e-bike owners told to stop charging batteries",
         "Consumer regulators and Quillon Systems urged owners of Vireo e-bikes to unplug their batteries immediately. "
         "Fourteen battery fires, two of them inside apartments, prompted the recall of roughly 80,000 packs. "
         "Ekdahl said a separator defect in cells made last year lets the lithium battery overheat on the charger. "
         "Quillon will ship replacement batteries at no cost."),
        ("bike-3", "Daily Courier", "2031-03-05T06:30:00Z", "Quillon shares slide after battery recall",
         "Shares of Quillon Systems fell nine percent after the e-bike maker recalled 80,000 Vireo batteries. "
         "Analysts estimated the recall of the overheating lithium packs could cost Quillon 40 million dollars. "
         "Tomas Ekdahl told investors the separator supplier had been replaced. "
         "The fires were all reported while Vireo batteries were charging."),
    ],
    "chess": [
        ("chess-1", "Board Review", "2031-03-06T18:00:00Z", "Ilse Varga wins the Lisbon Candidates",
         "Ilse Varga won the Candidates tournament in Lisbon on Friday with a round to spare, earning a world title match. "
         "The 22-year-old Hungarian grandmaster beat Arjun Menon with the black pieces in the thirteenth round. "
         "Varga finished on nine points, a full point ahead of Menon. "
         "She will challenge the world champion, Pavel Droz, in November."),
        ("chess-2", "Sports Desk", "2031-03-06T20:10:00Z", "Hungarian Varga earns shot at chess crown",
         "Grandmaster Ilse Varga clinched victory at the Candidates in Lisbon by defeating Arjun Menon. "
         "The Hungarian, 22, becomes the youngest challenger in decades and will face champion Pavel Droz for the world title. "
         "Her win over Menon came in a sharp Sicilian game that lasted 61 moves. "
         "Varga said the Lisbon crowd had carried her through the final week."),
        ("chess-3", "Evening Post", "2031-03-07T08:00:00Z", "Varga to meet Droz after Candidates triumph",
         "Pavel Droz will defend his world chess title against Ilse Varga after her win at the Lisbon Candidates. "
         "Varga, from Budapest, sealed first place with a round left after outplaying Menon in a Sicilian. "
         "Droz congratulated the Hungarian grandmaster and said the match in November would be hard. "
         "Varga scored nine points in Lisbon."),
    ],
    "bread": [
        ("bread-1", "Kitchen Notes", "2031-03-03T12:00:00Z", "A slower sourdough",
         "A cold overnight proof gives sourdough a deeper flavour and a blistered crust. "
         "Mix the starter with flour and water, rest the dough for an hour, then fold it every half hour. "
         "Shape the loaf, chill it until morning, and bake it in a hot covered pot."),
    ],
}
LATER: dict[str, list[tuple[str, str, str, str, str]]] = {
    "dam": [
        ("dam-4", "Marrowby Gazette", "2031-03-04T09:00:00Z", "Inquiry ordered into Teller Dam failure",
         "The county has ordered an independent inquiry into the collapse of the Teller Dam above Marrowby. "
         "Chief Oona Reddick said the inquiry must explain why the cracked spillway was never repaired after 2029."),
        ("dam-5", "Northern Wire", "2031-03-04T15:00:00Z", "Marrowby families begin to return home",
         "Most of the 340 Marrowby households evacuated when the Teller Dam gave way have been allowed home. "
         "The high school shelter will close on Friday, Reddick said, as the River Teller returned to its banks."),
        ("dam-6", "County Radio", "2031-03-05T08:00:00Z", "Insurers tally Marrowby flood claims",
         "Insurers have received more than 300 claims from Marrowby since the Teller Dam breach flooded the lower town. "
         "Residents said the River Teller left mud in every ground-floor room."),
        ("dam-7", "Valley Times", "2031-03-05T12:00:00Z", "Teller Dam engineers questioned",
         "Engineers who inspected the Teller Dam in 2029 told the inquiry they had flagged the cracked spillway as urgent. "
         "Marrowby residents packed the hearing, and Oona Reddick testified about the evacuation."),
    ],
    "bikes": [
        ("bike-4", "Tech Ledger", "2031-03-06T09:00:00Z", "Quillon opens battery exchange centres",
         "Quillon Systems opened exchange centres where Vireo e-bike owners can swap recalled lithium batteries. "
         "Tomas Ekdahl said 12,000 of the 80,000 packs had already been returned."),
        ("bike-5", "Consumer Watch", "2031-03-06T14:00:00Z", "Regulator widens Vireo battery probe",
         "The consumer regulator is examining whether other e-bike makers used the same separator supplier as Quillon. "
         "The Vireo battery fires all began while the lithium packs were charging."),
        ("bike-6", "Daily Courier", "2031-03-07T07:00:00Z", "Quillon battery recall costs mount",
         "Quillon Systems raised its estimate of the Vireo battery recall to 55 million dollars. "
         "Ekdahl said replacement lithium packs would reach every owner of a recalled e-bike by April."),
    ],
    "algae": [
        ("algae-1", "Lakeside Herald", "2031-03-06T10:00:00Z", "Toxic algae closes Lake Orrin beaches",
         "A bloom of toxic blue-green algae has closed every beach on Lake Orrin, health officer Priya Castellan said. "
         "Dogs should be kept out of the water, and anglers should not eat fish caught in Lake Orrin this month."),
        ("algae-2", "Regional News", "2031-03-06T16:30:00Z", "Lake Orrin bloom prompts swimming ban",
         "Swimming is banned at Lake Orrin after tests found high levels of cyanobacteria toxins. "
         "Castellan said warm weather and fertiliser runoff fed the algae bloom."),
        ("algae-3", "Lakeside Herald", "2031-03-07T09:00:00Z", "Farmers asked to curb runoff into Lake Orrin",
         "Health officer Priya Castellan asked farms around Lake Orrin to cut fertiliser use while the toxic algae bloom lasts. "
         "The Lake Orrin beaches will stay closed until two clean tests in a row."),
    ],
}


def _articles(groups: dict[str, list[tuple[str, str, str, str, str]]]) -> list[Article]:
    return [
        Article(id=id_, text=text, title=title, source=source, published=published)
        for rows in groups.values()
        for id_, source, published, title, text in rows
    ]


def _expected(groups: dict[str, list[tuple[str, str, str, str, str]]]) -> set[frozenset[str]]:
    return {frozenset(row[0] for row in rows) for rows in groups.values()}


BASE = _articles(STORIES)
NEW = _articles(LATER)


def _groups(stories) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    return {frozenset(s.articles) for s in stories}


@pytest.mark.parametrize("seed", [None, 1, 2])
def test_groups_fixture_stories_in_any_order(seed: int | None) -> None:
    articles = list(BASE)
    if seed is not None:
        random.Random(seed).shuffle(articles)
    assert _groups(build_stories(articles, briefs=False)) == _expected(STORIES)


def test_undated_articles_group_by_content_alone() -> None:
    from dataclasses import replace

    undated = [replace(a, published=None) for a in BASE]
    assert _groups(build_stories(undated, briefs=False)) == _expected(STORIES)


def test_same_story_a_month_apart_is_two_stories() -> None:
    first = BASE[0]
    later = Article(id="dam-again", text=BASE[1].text, published="2031-04-10T08:00:00Z")
    undated = Article(id="dam-undated", text=BASE[2].text)
    groups = _groups(build_stories([first, later, undated], briefs=False, window_days=7))
    assert groups == {frozenset({"dam-1", "dam-undated"}), frozenset({"dam-again"})}


def test_story_json_carries_the_summarize_brief() -> None:
    from newsbrief.pipeline import summarize
    from newsbrief.render import brief_to_dict

    stories = build_stories(BASE, words=40)
    story = next(s for s in stories if "chess-1" in s.articles)
    data = story.to_dict()
    assert set(data) == {"id", "articles", "brief", "version", "changed"}
    assert data["articles"] == ["chess-1", "chess-2", "chess-3"]  # arrival (publication) order
    by_id = {a.id: a for a in BASE}
    assert data["brief"] == brief_to_dict(summarize([by_id[i] for i in story.articles], words=40))
    json.dumps(data)


PLACEHOLDERS = [
    Article(id="crawl-notice", text="These pages were captured by a web crawl for the Internet Archive's Wayback Machine.\n\n"
            "This crawl was run with a seed list of news sites.", published="2031-03-02T09:00:00Z"),
    Article(id="login-wall", text="You must log in to continue.", published="2031-03-04T10:00:00Z"),
    Article(id="script-wall", text="JavaScript is disabled in your browser. Please enable JavaScript to continue."),
]


def test_pages_with_no_story_text_join_no_story_and_are_reported(tmp_path: Path) -> None:
    run = update_stories(BASE + PLACEHOLDERS, briefs=False)
    assert _groups(run.stories) == _expected(STORIES)
    assert [e["id"] for e in run.errors] == ["crawl-notice", "login-wall", "script-wall"]
    assert {e["error_type"] for e in run.errors} == {"NoStoryText"}
    assert any("3 article(s) with no story text" in w and "login-wall" in w for w in run.warnings)
    assert "crawl-notice" not in run.added
    with StoryStore(tmp_path / "stories.db") as store:
        update_stories(BASE + PLACEHOLDERS, store=store, briefs=False)
        assert store.known_article_ids(a.id for a in PLACEHOLDERS) == set()  # not stored: a rerun reports them again
        again = update_stories(PLACEHOLDERS, store=store, briefs=False)
        assert len(again.errors) == 3 and not any(s.changed for s in again.stories)


# -- a real PostgreSQL server, started for the run from Debian's `postgresql` package --------------


def _postgres_bin() -> Path | None:
    found = shutil.which("initdb")
    if found is None:
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        found = candidates[-1] if candidates else None
    return Path(found).resolve().parent if found else None


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[str]:
    """A throwaway cluster listening only on a Unix socket in a temporary folder; yields its base URL.

    PostgreSQL refuses to run as root, so under root the server runs as the package's `postgres` user.
    """
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    bindir = _postgres_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    user = None
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL")
        user = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="newsbrief-pg-"))  # not under pytest's root-only tmp: the server user must reach it
    if user:
        shutil.chown(folder, user=user)
    as_user = ["runuser", "-u", user, "--"] if user else []
    data, port = folder / "data", 54329
    subprocess.run(as_user + [str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"],
                   check=True, capture_output=True)
    options = f"-k {folder} -c listen_addresses='' -p {port} -F"
    subprocess.run(as_user + [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@/{{}}?host={folder}&port={port}"
    finally:
        subprocess.run(as_user + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


_DATABASES = itertools.count()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store: a SQLite file, or a new database on the test PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "stories.db")
    base = request.getfixturevalue("postgres_server")
    name = f"stories_{next(_DATABASES)}"
    import psycopg

    with psycopg.connect(base.format("postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return base.format(name)


def test_db_urls() -> None:
    assert parse_target("stories.db") == parse_target("sqlite:///stories.db")
    assert parse_target("sqlite:///").address == ":memory:"
    assert parse_target("postgres://u@h/news").address == parse_target("postgresql://u@h/news").address == "postgresql://u@h/news"
    with pytest.raises(ConfigError, match="postgresql://"):
        parse_target("mysql://localhost/news")


def test_unreachable_postgresql_is_a_config_error() -> None:
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    with pytest.raises(ConfigError, match="cannot connect to the PostgreSQL database"):
        StoryStore("postgresql://nobody@/none?host=/nonexistent-newsbrief-socket-dir&connect_timeout=2")


def test_store_round_trip_keeps_ids_members_and_briefs(tmp_path: Path) -> None:
    db = tmp_path / "stories.db"
    with StoryStore(db) as store:
        first = update_stories(BASE, store=store, words=40).stories
    with StoryStore(f"sqlite:///{db}") as store:
        again = update_stories([], store=store, words=40)
    assert [(s.id, s.articles, s.brief, s.version) for s in again.stories] == [(s.id, s.articles, s.brief, s.version) for s in first]
    assert not any(s.changed for s in again.stories)
    assert all(s.changed for s in first)


def _brief_rows(db: str) -> dict[str, tuple[int, str]]:
    """Each stored brief's story version and write time, read straight from the database."""
    conn = connect(db)
    try:
        return {story: (version, updated) for story, version, updated in conn.execute("SELECT story_id, story_version, updated FROM briefs")}
    finally:
        conn.close()


def test_rerun_with_ten_new_articles_changes_only_the_affected_stories(store_url: str) -> None:
    db = store_url
    with StoryStore(db) as store:
        before = {s.id: s for s in update_stories(BASE, store=store, words=40).stories}
    briefs_before = _brief_rows(db)
    story_of = {a: s.id for s in before.values() for a in s.articles}
    with StoryStore(db) as store:
        run = update_stories(BASE + NEW, store=store, words=40)  # the old articles again, plus ten new ones
    after = {s.id: s for s in run.stories}
    briefs_after = _brief_rows(db)

    assert len(NEW) == 10
    assert set(run.added) == {a.id for a in NEW}
    assert any("already in the store" in w for w in run.warnings)
    dam, bikes, chess, bread = story_of["dam-1"], story_of["bike-1"], story_of["chess-1"], story_of["bread-1"]
    assert set(before) <= set(after)  # no id disappeared or was renumbered
    assert after[dam].articles == before[dam].articles + ("dam-4", "dam-5", "dam-6", "dam-7")
    assert after[bikes].articles == before[bikes].articles + ("bike-4", "bike-5", "bike-6")
    (new_id,) = set(after) - set(before)
    assert set(after[new_id].articles) == {"algae-1", "algae-2", "algae-3"}
    assert {s.id for s in run.stories if s.changed} == {dam, bikes, new_id}
    for untouched in (chess, bread):
        assert after[untouched].version == before[untouched].version == 1
        assert after[untouched].articles == before[untouched].articles
        assert briefs_after[untouched] == briefs_before[untouched]  # brief not rebuilt: same version, same timestamp
    for grown in (dam, bikes):
        assert after[grown].version == 2
        assert briefs_after[grown][0] == 2 and briefs_after[grown][1] > briefs_before[grown][1]
    assert briefs_after[new_id][0] == 1


@pytest.mark.parametrize("block_rows", [4096, 1])
def test_merge_folds_the_newer_story_into_the_older(block_rows: int) -> None:
    e1, e2 = np.eye(2, dtype=np.float32)
    bridge = (e1 + e2) / np.sqrt(2)
    vectors = sparse.csr_matrix(np.vstack([e1, e2, bridge, bridge]))
    index = StoryIndex(n_features=2, block_rows=block_rows)
    grouping = group(vectors, np.full(4, np.nan), index, threshold=0.3)
    # e1 and e2 open two stories; the bridges join the first, whose members then resemble e2 on average
    assert grouping.merged == ((0, 1),)
    assert grouping.rows.tolist() == [0, 0, 0, 0]
    assert index.alive.tolist() == [True, False] and index.sizes.tolist() == [4, 0]
    assert np.allclose(index.sums(np.array([0, 1])).toarray(), [e1 + e2 + 2 * bridge, [0, 0]])


def test_index_blocks_are_bookkeeping_only() -> None:
    """Story sums kept in blocks of 2 rows group exactly as in one block: merges and growth cross blocks."""
    from newsbrief.stories.vectors import DocumentFrequencies, article_features, weigh

    features = article_features(BASE + NEW)
    frequencies = DocumentFrequencies()
    frequencies.add(features.counts)
    vectors = weigh(features.counts, frequencies.idf())
    one, many = StoryIndex(), StoryIndex(block_rows=2)
    a = group(vectors, features.times, one, chunk=4)
    b = group(vectors, features.times, many, chunk=4)
    assert a.rows.tolist() == b.rows.tolist() and a.merged == b.merged
    assert len(many.blocks) > 1
    rows = np.arange(len(one))
    assert abs(one.sums(rows) - many.sums(rows)).max() < 1e-6
    assert abs(one.sums(rows[::-1]) - many.sums(rows)[::-1]).max() < 1e-6


def test_schema_migrates_from_version_1(store_url: str) -> None:
    db = connect(store_url)
    assert migrate(db, target=1) == 1
    assert "merged_into" not in db.columns("stories")
    with db.transaction():
        db.execute("INSERT INTO stories (id, seq, version, created, updated) VALUES ('s1', 0, 1, 't', 't')")
    db.close()
    with StoryStore(store_url) as store:
        assert schema_version(store.db) == SCHEMA_VERSION == 2
        assert "merged_into" in store.db.columns("stories")
        assert store.db.execute("SELECT id, version, merged_into FROM stories").fetchall() == [("s1", 1, None)]
        run = update_stories(BASE[:3], store=store, briefs=False)
        assert [(s.id, len(s.articles)) for s in run.stories] == [("s1", 0), ("s2", 3)]  # the old row keeps its id


def test_newer_schema_and_other_databases_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unsupported --db URL scheme 'mysql'"):
        StoryStore("mysql://localhost/news")
    db = tmp_path / "future.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO schema_version VALUES (99)")
    with pytest.raises(ConfigError, match="newer"):
        StoryStore(db)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Danish inventor Peder Madsen spoke to police.", {"ent:peder madsen", "ent:madsen"}, set()),
        ("Police arrived at noon. The mayor said nothing.", set(), {"ent:police", "ent:the"}),
        ("She met Varga's coach in Lisbon.", {"ent:varga", "ent:lisbon"}, {"ent:varga's"}),
        ('"I\'m done," he said. Officials at NASA agreed.', {"ent:nasa"}, {"ent:i'm", "ent:officials"}),
    ],
)
def test_entities(text: str, present: set[str], absent: set[str]) -> None:
    found = set(entities(text))
    assert present <= found
    assert not absent & found


def test_opening_words_count_twice() -> None:
    text = "Floodwater swamped Marrowby. " + " ".join(["council meeting agenda"] * 60) + " Reddick spoke."
    tokens = analyze(text, lead_words=5)
    assert tokens.count("floodwater") == 2 and tokens.count("swamped") == 2  # in the lead
    assert tokens.count("reddick") == 1  # far past it
    assert analyze(text, lead_words=0).count("floodwater") == 1


def test_parse_time() -> None:
    assert parse_time("2031-03-02T00:00:00Z") == parse_time("2031-03-02") == parse_time("2031-03-02T01:00:00+01:00")
    assert parse_time("2031-03-03") - parse_time("2031-03-02") == 1.0
    assert np.isnan(parse_time("last Tuesday")) and np.isnan(parse_time(None))


def test_jsonl_lines_become_articles_or_error_records() -> None:
    lines = [
        json.dumps({"id": "a", "text": "Plain text.", "title": "T", "published": "2031-01-01"}),
        "",
        "{not json",
        json.dumps({"id": "c", "title": "no text"}),
        json.dumps({"text": "No id here."}),
        json.dumps(["a", "list"]),
    ]
    stream = read_jsonl_articles(lines)
    assert [(a.id, a.title, a.published) for a in stream.articles] == [("a", "T", "2031-01-01"), ("line-5", None, None)]
    assert [(e["id"], e["line"]) for e in stream.errors] == [("line-3", 3), ("c", 4), ("line-6", 6)]
    assert {e["error_type"] for e in stream.errors} == {"InputError"}


def _write_jsonl(path: Path, articles: list[Article], extra: tuple[str, ...] = ()) -> None:
    lines = [json.dumps({"id": a.id, "text": a.text, "title": a.title, "source": a.source, "published": a.published}) for a in articles]
    path.write_text("\n".join(lines + list(extra)) + "\n", encoding="utf-8")


def test_cli_json_incremental_runs(tmp_path: Path, store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    first, second, db = tmp_path / "first.jsonl", tmp_path / "second.jsonl", store_url
    html = json.dumps({"id": "bread-html", "html": "<html><head><title>Oven fire</title></head><body><nav>Home | Sport</nav>"
                       "<p>" + BASE[-1].text + "</p></body></html>", "published": BASE[-1].published})
    _write_jsonl(first, BASE, extra=("this line is not JSON", html))
    assert main(["stories", "--input", str(first), "--db", str(db), "--format", "json", "--no-briefs"]) == 0
    out = json.loads(capsys.readouterr().out)
    bread = {BASE[-1].id, "bread-html"}
    assert {frozenset(s["articles"]) for s in out["stories"]} == (_expected(STORIES) - {frozenset({BASE[-1].id})}) | {frozenset(bread)}
    assert all(set(s) == {"id", "articles", "brief", "version", "changed"} and s["brief"] is None for s in out["stories"])
    line = len(BASE) + 1
    not_json = f"line {line}: not valid JSON (Expecting value)"
    assert out["errors"] == [{"id": f"line-{line}", "error": not_json, "error_type": "InputError", "line": line}]
    _write_jsonl(second, NEW)
    assert main(["stories", "--input", str(second), "--db", str(db), "--format", "json", "--no-briefs", "--changed"]) == 0
    changed = json.loads(capsys.readouterr().out)["stories"]
    assert len(changed) == 3 and all(s["changed"] for s in changed)
    assert {a for s in changed for a in s["articles"]} >= {a.id for a in NEW}


def test_cli_reads_a_folder_and_prints_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for article in BASE:
        (tmp_path / f"{article.id}.txt").write_text(article.title + "\n\n" + article.text, encoding="utf-8")
    assert main(["stories", str(tmp_path), "--format", "text", "--words", "40"]) == 0
    out = capsys.readouterr().out
    assert out.count("Story s") == 4
    assert "chess-1.txt, chess-2.txt, chess-3.txt" in out
    assert "[1]" in out  # brief sentences carry their sources


def test_cli_without_articles_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["stories", str(tmp_path / "missing")]) == 2
    assert main(["stories", "--threshold", "1.5", "--input", str(Path(__file__))]) == 2


def test_dev_subset_bcubed(dev_records: list[dict]) -> None:
    """The first 120 Multi-News dev clusters, shuffled: B-cubed F1 over the articles (one left out of
    every story for having no story text counts as a story of its own)."""
    from collections import Counter

    from newsbrief.ingest import split_multinews

    articles, truth = [], []
    for number, record in enumerate(dev_records[:120]):
        docs = record["documents"]
        for position, text in enumerate(split_multinews(docs) if isinstance(docs, str) else docs):
            articles.append(Article(id=f"{number}/{position}", text=text))
            truth.append(number)
    order = np.random.default_rng(0).permutation(len(articles))
    stories = build_stories([articles[i] for i in order], briefs=False)
    where = {a: s.id for s in stories for a in s.articles}
    predicted = [where.get(a.id, f"alone-{a.id}") for a in articles]
    pairs, true_sizes, predicted_sizes = Counter(zip(truth, predicted, strict=True)), Counter(truth), Counter(predicted)
    precision = sum(n * n / predicted_sizes[p] for (_, p), n in pairs.items()) / len(truth)
    recall = sum(n * n / true_sizes[t] for (t, _), n in pairs.items()) / len(truth)
    assert 2 * precision * recall / (precision + recall) >= 0.85


def test_cli_lists_pages_without_story_text_under_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pile = tmp_path / "pile.jsonl"
    lines = [
        {"id": "ferry", "text": "A passenger ferry ran aground on a sandbar off Kestrel Island on Sunday, the coast guard said."},
        {"id": "wall", "text": "You must log in to continue."},
    ]
    pile.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    assert main(["stories", "--input", str(pile), "--format", "json", "--no-briefs"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [s["articles"] for s in out["stories"]] == [["ferry"]]
    assert [(e["id"], e["error_type"]) for e in out["errors"]] == [("wall", "NoStoryText")]


def test_stored_briefs_are_shown_by_render_not_a_second_renderer() -> None:
    """A story keeps its brief as JSON; shown again, its sentences and sources are render.py's own lines."""
    from newsbrief.pipeline import summarize
    from newsbrief.render import brief_from_dict, brief_to_dict, cited_lines, source_lines
    from newsbrief.stories.io import render_stories

    brief = summarize(BASE[:3], words=40)
    again = brief_from_dict(json.loads(json.dumps(brief_to_dict(brief))))
    assert cited_lines(again) == cited_lines(brief)
    assert source_lines(again, markdown=True) == source_lines(brief, markdown=True)
    assert (again.headline, again.set_aside, again.warnings) == (brief.headline, brief.set_aside, brief.warnings)
    story = build_stories(BASE[:3], words=40)[0]
    markdown = render_stories([story], "markdown")
    assert all(line in markdown for line in source_lines(brief_from_dict(story.brief or {}), markdown=True))
    assert " ".join(cited_lines(brief_from_dict(story.brief or {}))) in markdown
