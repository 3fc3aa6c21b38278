// The newsbrief page: collects articles, posts them to /v1/summarize, shows the brief with its evidence.
//
// Safety rule: every string that comes from an article (text, outlet, title, URL, evidence) reaches
// the page as a text node (textContent / createTextNode), never as HTML, so markup inside an article
// is shown, not run. The server's Content-Security-Policy (no inline script) backs this up.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const state = { nextArticle: 1, maxDocuments: 50, urls: false, rewrite: false, articles: [] };

  // el("p", {class: "x"}, "text", child): children that are strings become text nodes.
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (name.startsWith("on")) throw new Error("event handlers are attached with addEventListener");
      node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  // ---- Composing -------------------------------------------------------------------------------

  function addArticle(text = "", fileName = "") {
    const n = state.nextArticle++;
    const box = el("fieldset", { class: "article", "data-file": fileName || null });
    const legend = el("legend", {}, "Article");
    const outlet = el("input", { type: "text", id: `outlet-${n}`, class: "outlet", autocomplete: "off", placeholder: "e.g. Coastal Herald" });
    const body = el("textarea", { id: `text-${n}`, class: "text", rows: 6, spellcheck: "false", placeholder: "Paste the article text or HTML" });
    body.value = text;
    const remove = el("button", { type: "button", class: "remove" }, "Remove");
    remove.addEventListener("click", () => {
      const next = box.nextElementSibling || box.previousElementSibling;
      box.remove();
      renumber();
      (next ? next.querySelector("textarea") : $("add-article")).focus();
    });
    box.append(
      legend,
      el(
        "div",
        { class: "article-top" },
        el("div", { class: "field" }, el("label", { for: outlet.id }, "Outlet ", el("span", { class: "hint" }, "(optional)")), outlet),
        remove,
      ),
      el("div", { class: "field" }, el("label", { for: body.id }, "Text"), body),
    );
    $("articles").append(box);
    renumber();
    return box;
  }

  function renumber() {
    const boxes = [...$("articles").querySelectorAll(".article")];
    boxes.forEach((box, i) => {
      box.querySelector("legend").textContent = box.dataset.file ? `Article ${i + 1} · ${box.dataset.file}` : `Article ${i + 1}`;
      box.querySelector(".remove").setAttribute("aria-label", `Remove article ${i + 1}`);
      box.querySelector(".remove").hidden = boxes.length === 1;
    });
  }

  async function loadFiles(files) {
    for (const file of files) {
      const text = await file.text();
      const empty = [...$("articles").querySelectorAll(".article")].find((b) => !b.querySelector("textarea").value.trim());
      if (empty) {
        empty.querySelector("textarea").value = text;
        empty.dataset.file = file.name;
      } else {
        addArticle(text, file.name);
      }
    }
    renumber();
    setStatus(`${files.length} file${files.length === 1 ? "" : "s"} loaded.`);
  }

  function collectDocuments() {
    const documents = [];
    for (const box of $("articles").querySelectorAll(".article")) {
      const text = box.querySelector("textarea").value;
      if (!text.trim()) continue;
      const doc = { text };
      const outlet = box.querySelector(".outlet").value.trim();
      if (outlet) doc.source = outlet;
      // A file name is a better label than "Article 2"; HTML pages carry their own title.
      if (box.dataset.file && !text.trimStart().startsWith("<")) doc.title = box.dataset.file.replace(/\.[a-z]+$/i, "");
      documents.push(doc);
    }
    if (state.urls) {
      for (const line of $("urls").value.split("\n")) {
        if (line.trim()) documents.push({ url: line.trim() });
      }
    }
    return documents;
  }

  // ---- Talking to the server -------------------------------------------------------------------

  async function submit(event) {
    event.preventDefault();
    hideError();
    const documents = collectDocuments();
    if (!documents.length) {
      showError("Paste at least one article (or load a file) first.");
      $("articles").querySelector("textarea").focus();
      return;
    }
    if (documents.length > state.maxDocuments) {
      showError(`This server accepts at most ${state.maxDocuments} articles at once; you gave ${documents.length}.`);
      return;
    }
    const request = { documents, words: Number($("words").value), analysis: $("analysis").checked };
    const query = $("query").value.trim();
    if (query) request.query = query;
    if (state.rewrite && $("rewrite").checked) request.rewrite = true;

    const button = $("submit");
    button.disabled = true;
    document.querySelector(".result").setAttribute("aria-busy", "true");
    setStatus(`Writing a brief from ${documents.length} article${documents.length === 1 ? "" : "s"}…`);
    try {
      const response = await fetch("/v1/summarize", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(request),
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        setStatus("");
        showError(body.detail || body.error || `The server answered ${response.status}.`);
        return;
      }
      renderBrief(body);
      setStatus(`Brief ready: ${body.sentences.length} sentences, ${body.words} words.`);
      $("brief-title").focus();
    } catch (error) {
      setStatus("");
      showError(`Could not reach the server (${error.message}).`);
    } finally {
      button.disabled = false;
      document.querySelector(".result").removeAttribute("aria-busy");
    }
  }

  function setStatus(message) {
    $("status").textContent = message;
  }

  function showError(message) {
    $("error").textContent = message;
    $("error").hidden = false;
  }

  function hideError() {
    $("error").hidden = true;
    $("error").textContent = "";
  }

  // ---- Showing the brief -----------------------------------------------------------------------

  function label(i) {
    const a = state.articles[i] || {};
    return a.name || a.source || a.title || `Article ${i + 1}`;
  }

  // A statement with numbered citation buttons; each opens a panel with every source's supporting sentence.
  function citedStatement(container, text, sources, evidence, key, generated = false) {
    const panel = el("div", { class: "evidence", id: `evidence-${key}`, hidden: true, role: "region", "aria-label": "Supporting sentences" });
    const buttons = sources.map((source) => {
      const button = el(
        "button",
        { type: "button", class: "cite", "aria-expanded": "false", "aria-controls": panel.id, "data-source": source,
          "aria-label": `Source ${source + 1}, ${label(source)}: show the supporting sentence` },
        String(source + 1),
      );
      button.addEventListener("click", () => toggleEvidence(panel, buttons, button, sources, evidence));
      return button;
    });
    // A sentence the language model wrote carries a visible mark and says so to a screen reader.
    const mark = generated ? el("span", { class: "generated-mark", title: "Written by the language model, checked against the sources" }, "†",
      el("span", { class: "visually-hidden" }, " (written by the language model)")) : null;
    const statement = el("p", { class: generated ? "statement generated" : "statement", "data-origin": generated ? "generated" : null },
      el("span", { class: "statement-text" }, text), " ", el("span", { class: "cites" }, buttons), mark);
    for (const area of [statement, panel]) {
      area.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && !panel.hidden) closeEvidence(panel, buttons, true);
      });
    }
    container.append(statement, panel);
  }

  function toggleEvidence(panel, buttons, button, sources, evidence) {
    const source = Number(button.dataset.source);
    if (!panel.hidden && panel.dataset.source === String(source)) {
      closeEvidence(panel, buttons, false);
      return;
    }
    panel.dataset.source = String(source);
    panel.replaceChildren(evidencePanel(sources, evidence, source, () => closeEvidence(panel, buttons, true)));
    panel.hidden = false;
    for (const b of buttons) b.setAttribute("aria-expanded", String(b === button));
  }

  function closeEvidence(panel, buttons, refocus) {
    panel.hidden = true;
    const open = buttons.find((b) => b.getAttribute("aria-expanded") === "true");
    for (const b of buttons) b.setAttribute("aria-expanded", "false");
    if (refocus && open) open.focus();
  }

  function evidencePanel(sources, evidence, current, close) {
    const bySource = new Map(evidence.map((e) => [e.article, e]));
    // The chosen source first, then the others in source order.
    const order = [current, ...sources.filter((s) => s !== current)];
    const list = el("ul", { class: "evidence-list" }, order.map((source) => {
      const found = bySource.get(source);
      return el(
        "li",
        { class: source === current ? "current" : null },
        el("p", { class: "evidence-source" }, el("span", { class: "num" }, `[${source + 1}]`), " ", el("cite", {}, label(source))),
        found ? el("blockquote", {}, found.text) : el("p", { class: "hint" }, "No single supporting sentence was recorded."),
      );
    }));
    const closeButton = el("button", { type: "button", class: "close" }, "Close");
    closeButton.addEventListener("click", close);
    const heading = sources.length === 1 ? "Reported by 1 source" : `Reported by ${sources.length} sources`;
    return el("div", {}, el("div", { class: "evidence-head" }, el("strong", {}, heading), closeButton), list);
  }

  function renderBrief(result) {
    state.articles = result.articles || [];
    $("placeholder").hidden = true;
    $("result").hidden = false;

    const count = state.articles.length;
    $("brief-meta").textContent = `${result.words} words from ${count} source${count === 1 ? "" : "s"}` + (result.query ? ` · focus: ${result.query}` : "");
    $("warnings").replaceChildren(...(result.warnings || []).map((w) => el("li", {}, w)));

    $("headline").textContent = result.headline || "";
    $("headline").hidden = !result.headline;
    const aside = result.set_aside || [];
    $("set-aside").replaceChildren(...aside.map((a) => el("li", {}, `Set aside: ${a.name} [${a.article + 1}], ${a.reason}`)));
    $("set-aside").hidden = !aside.length;

    const brief = $("brief");
    brief.replaceChildren();
    result.sentences.forEach((s, i) => citedStatement(brief, s.text, s.sources, s.evidence || [], `s${i}`, s.origin === "generated"));
    renderRewriteNote(result.rewrite);
    if (!result.sentences.length) brief.append(el("p", { class: "hint" }, "No sentence was selected."));

    renderAgreements(result.agreements);
    renderDiscrepancies(result.discrepancies);
    renderSingleSource(result.single_source);
    const analysed = Array.isArray(result.agreements);
    const found = analysed && [result.agreements, result.discrepancies, result.single_source].some((list) => (list || []).length);
    $("analysis-empty").hidden = !analysed || Boolean(found);
    renderSources();
  }

  function renderAgreements(agreements) {
    const list = $("agreements");
    list.replaceChildren();
    $("agreements-section").hidden = !(agreements && agreements.length);
    (agreements || []).forEach((fact, i) => {
      const item = el("li");
      citedStatement(item, fact.text, fact.sources, fact.evidence || [], `a${i}`);
      list.append(item);
    });
  }

  // The names `newsbrief.render.KIND_NAMES` gives the kinds of discrepancy.
  const KIND_NAMES = {
    count: "Count", money: "Amount", percent: "Percentage", duration: "Duration", date: "Date", weekday: "Day",
    time: "Time", age: "Age", name: "Name", negation: "Negation", opposite: "Opposite claims",
  };

  function renderDiscrepancies(discrepancies) {
    const list = $("discrepancies");
    list.replaceChildren();
    $("discrepancies-section").hidden = !(discrepancies && discrepancies.length);
    for (const d of discrepancies || []) {
      const side = (claim, value) => el(
        "div",
        { class: "side" },
        el("p", {}, el("cite", {}, label(claim.article)), ` [${claim.article + 1}] says `, el("strong", {}, `“${value}”`)),
        el("blockquote", {}, claim.text),
      );
      list.append(el(
        "li",
        {},
        el("p", { class: "kind" }, KIND_NAMES[d.kind] || d.kind),
        el("div", { class: "sides" }, side(d.first, d.first_value), side(d.second, d.second_value)),
        d.explanation ? el("p", { class: "explanation" }, d.explanation) : null,
      ));
    }
  }

  function renderSingleSource(facts) {
    const container = $("single-source");
    container.replaceChildren();
    const byArticle = new Map();
    for (const fact of facts || []) {
      const article = fact.sources[0];
      if (!byArticle.has(article)) byArticle.set(article, []);
      byArticle.get(article).push(fact);
    }
    for (const [article, list] of [...byArticle.entries()].sort((a, b) => a[0] - b[0])) {
      const id = `only-${article}`;
      container.append(el(
        "section",
        { class: "analysis", "aria-labelledby": id },
        el("h3", { id }, `Only in ${label(article)} [${article + 1}]`),
        el("ul", { class: "claims" }, list.map((fact) => el("li", {}, fact.text))),
      ));
    }
  }

  // "2026-04-16T07:30:00+00:00" reads as "2026-04-16 07:30 UTC"; anything else is shown as given.
  function readableDate(value) {
    const found = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::\d{2})?(\+00:00|Z)?)?$/.exec(value);
    if (!found) return value;
    return [found[1], found[2], found[2] && found[3] ? "UTC" : null].filter(Boolean).join(" ");
  }

  // Only http(s) addresses become links: a "javascript:" URL in an article's metadata stays text.
  function safeLink(url) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") {
        return el("a", { href: parsed.href, rel: "noopener noreferrer nofollow", target: "_blank" }, url);
      }
    } catch (_) {
      // not a URL: shown as text below
    }
    return el("span", {}, url);
  }

  function renderSources() {
    $("sources").replaceChildren(...state.articles.map((a, i) => {
      const parts = [el("strong", {}, label(i))];
      if (a.title && a.title !== label(i)) parts.push(" — ", el("span", { class: "title" }, `“${a.title}”`));
      if (a.published) parts.push(" — ", el("time", { datetime: a.published }, readableDate(a.published)));
      if (a.url) parts.push(" — ", safeLink(a.url));
      return el("li", { id: `source-${i}` }, parts);
    }));
  }

  // ---- Checking a summary ----------------------------------------------------------------------

  const VERDICT_MARKS = { supported: "✓", unsupported: "?", contradicted: "✗" };
  const PROBLEM_NAMES = {
    count: "Number", money: "Amount", percent: "Percentage", duration: "Duration", date: "Date", weekday: "Day", time: "Time",
    age: "Age", name_role: "Name in another role", negation: "Negation flipped", opposite: "Opposite claim",
    unseen_value: "Number or date no source states", unseen_name: "Name no source gives", unaligned: "Nothing close in the sources",
  };

  async function verifySummary(event) {
    event.preventDefault();
    $("verify-error").hidden = true;
    const summary = $("summary-text").value;
    const documents = collectDocuments().filter((d) => !d.url);
    const fail = (message) => {
      $("verify-error").textContent = message;
      $("verify-error").hidden = false;
    };
    if (!summary.trim()) {
      fail("Paste the summary to check first.");
      $("summary-text").focus();
      return;
    }
    if (!documents.length) {
      fail("Paste the articles the summary claims to summarize (above) first.");
      return;
    }
    const button = $("verify-submit");
    button.disabled = true;
    $("verify-status").textContent = `Checking the summary against ${documents.length} article${documents.length === 1 ? "" : "s"}…`;
    try {
      const response = await fetch("/v1/verify", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ documents, summary }),
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        $("verify-status").textContent = "";
        fail(body.detail || body.error || `The server answered ${response.status}.`);
        return;
      }
      renderVerification(body);
      const flagged = body.sentences.filter((s) => s.verdict !== "supported").length;
      $("verify-status").textContent = `Checked: ${body.sentences.length} sentences, ${flagged} not supported.`;
      $("verification-title").focus();
    } catch (error) {
      $("verify-status").textContent = "";
      fail(`Could not reach the server (${error.message}).`);
    } finally {
      button.disabled = false;
    }
  }

  function renderVerification(result) {
    const names = (result.articles || []).map((a, i) => a.name || `Article ${i + 1}`);
    $("verification").hidden = false;
    $("verification-meta").textContent = `Verdict: ${result.verdict} · score ${result.score.toFixed(2)} · ${names.length} source${names.length === 1 ? "" : "s"}`;
    $("verdicts").replaceChildren(...result.sentences.map((s) => {
      const problems = (s.problems || []).map((p) => el(
        "li",
        { class: "problem" },
        el("strong", {}, PROBLEM_NAMES[p.kind] || p.kind), ": ", p.explanation,
      ));
      const evidence = (s.evidence || []).slice(0, 3).map((e) => el(
        "li",
        {},
        el("p", { class: "evidence-source" }, el("span", { class: "num" }, `[${e.article + 1}]`), " ", el("cite", {}, e.outlet || names[e.article] || ""),
          ` · similarity ${Number(e.similarity).toFixed(2)}`),
        el("blockquote", {}, e.text),
      ));
      return el(
        "li",
        { class: `verdict verdict-${s.verdict}`, "data-verdict": s.verdict },
        el("p", { class: "verdict-line" },
          el("span", { class: "verdict-mark", "aria-hidden": "true" }, VERDICT_MARKS[s.verdict] || ""), " ",
          el("span", { class: "verdict-name" }, s.verdict), ` (${Number(s.score).toFixed(2)}) `,
          el("span", { class: "verdict-text" }, s.text)),
        problems.length ? el("ul", { class: "problems" }, problems) : null,
        evidence.length ? el("ul", { class: "evidence-list" }, evidence) : el("p", { class: "hint" }, "No source sentence comes close."),
      );
    }));
  }

  function renderRewriteNote(rewrite) {
    const note = $("rewrite-note");
    if (!rewrite) {
      note.hidden = true;
      return;
    }
    const left = rewrite.dropped.length ? `; ${rewrite.dropped.length} it wrote were left out, unsupported or contradicted by the articles` : "";
    note.textContent = rewrite.error || !rewrite.kept
      ? `Every sentence is quoted from the articles: ${rewrite.model} was asked to rewrite the brief, and none of what it wrote is shown.`
      : `† written by ${rewrite.model} and checked against the articles (${rewrite.kept} of ${rewrite.generated} sentences it wrote kept${left}). `
        + "Other sentences are quoted from the articles.";
    note.hidden = false;
  }

  // ---- Start -----------------------------------------------------------------------------------

  async function configure() {
    try {
      const health = await (await fetch("/v1/health")).json();
      state.maxDocuments = health.limits.max_documents;
      state.urls = Boolean(health.features.urls);
      $("url-field").hidden = !state.urls;
      $("words").max = String(Math.min(health.limits.max_words, 600));
      $("analysis").checked = Boolean(health.features.analysis);
      state.rewrite = Boolean(health.features.rewrite);
      $("rewrite-field").hidden = !state.rewrite;
    } catch (_) {
      // The defaults above still work; the server reports its own limits on submit.
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    addArticle();
    addArticle();
    $("add-article").addEventListener("click", () => addArticle().querySelector("textarea").focus());
    $("files").addEventListener("change", (event) => {
      loadFiles([...event.target.files]);
      event.target.value = "";
    });
    $("words").addEventListener("input", () => {
      $("words-value").textContent = $("words").value;
    });
    $("brief-form").addEventListener("submit", submit);
    $("verify-form").addEventListener("submit", verifySummary);
    configure();
  });
})();
