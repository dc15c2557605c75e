// slide2video studio: the page. Plain JS, no build step. The server does all reading, checking and drawing;
// this file sends edits, shows what comes back and keeps the editor's typing undisturbed.
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const S = {
  overview: null, state: null, selected: 0, card: null, timeline: null, photos: null, scrubbed: false,
  queue: Promise.resolve(), busy: 0,
};

async function api(method, url, body, raw) {
  const opts = { method, headers: {}, credentials: "same-origin" };
  if (raw !== undefined) {
    opts.body = raw.body;
    opts.headers["x-filename"] = encodeURIComponent(raw.name);  // header values must be Latin-1
    opts.headers["content-type"] = "application/octet-stream";
  } else if (body !== undefined) {
    opts.body = JSON.stringify(body);
    opts.headers["content-type"] = "application/json";
  }
  const res = await fetch(url, opts);
  const data = await res.json().catch(() => ({ error: `${res.status} ${res.statusText}` }));
  if (!res.ok) throw new Error(data.error || `${res.status} ${res.statusText}`);
  return data;
}

function showError(err) {
  const box = $("#error");
  if (!err) { box.hidden = true; box.textContent = ""; return; }
  box.textContent = String(err.message || err);
  box.hidden = false;
}

// ------------------------------------------------------------------------------------------------ start screen

async function init() {
  S.overview = await api("GET", "/api/state");
  const o = S.overview;
  $("#folder").textContent = o.folder;
  fillSelect($("#theme"), o.themes.map((t) => [t, t]), o.theme);
  const presets = o.presets.map((p) => [p.name, `${p.name} (${p.size[0]}×${p.size[1]})`]);
  if (!o.presets.some((p) => p.name === o.preset)) presets.unshift([o.preset, o.preset]);
  fillSelect($("#preset"), presets, o.preset);
  const list = $("#article-list");
  list.replaceChildren(...o.articles.map((path) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button"; b.textContent = path; b.dataset.testid = "open-article";
    b.addEventListener("click", () => openArticle({ path }));
    li.append(b);
    return li;
  }));
  if (!o.articles.length) list.innerHTML = "<li class='hint'>No .txt, .md or .yaml files here yet.</li>";
  const wanted = new URLSearchParams(location.hash.slice(1)).get("article");
  if (wanted && o.open.some((s) => s.id === wanted)) {
    setState(await api("GET", `/api/articles/${wanted}`));
  }
}

function fillSelect(select, items, value) {
  select.replaceChildren(...items.map(([v, label]) => new Option(label, v, false, v === value)));
}

async function openArticle(body) {
  showError(null);
  try {
    const state = await api("POST", "/api/articles", body);
    S.selected = 0; S.photos = null; S.timeline = null;
    setState(state);
  } catch (err) { showError(err); }
}

function readFile(file) {
  const reader = new FileReader();
  reader.onload = () => openArticle({ text: reader.result, name: file.name });
  reader.readAsText(file);
}

// ------------------------------------------------------------------------------------------------ state -> page

function setState(state) {
  S.state = state;
  location.hash = `article=${state.id}`;
  $("#start").hidden = true;
  $("#editor").hidden = false;
  $("#new-article").hidden = false;
  $("#target").textContent = state.target + (state.source ? `  ← ${state.source}` : "");
  $("#output-dir").textContent = state.output + "/";
  $("#theme").value = state.theme;
  if (![...$("#preset").options].some((o) => o.value === state.preset)) $("#preset").add(new Option(state.preset, state.preset));
  $("#preset").value = state.preset;
  const status = $("#save-status");
  status.textContent = state.saved ? `saved to ${state.target}` : "not saved";
  status.className = "status " + (state.saved ? "saved" : "unsaved");
  $("#conflict").hidden = !state.conflict;
  $("#conflict-text").textContent = state.conflict ? `${state.conflict}. Your edits are kept here, unsaved.` : "";
  document.querySelectorAll("[data-article-field]").forEach((el) => {
    const value = state.article[el.dataset.articleField];
    setValue(el, Array.isArray(value) ? value.join("\n\n") : value);
  });
  document.title = `${state.article.title} — slide2video studio`;
  $("#general-warnings").replaceChildren(...state.warnings.general.map(warningLine));
  S.selected = Math.min(S.selected, state.article.slides.length - 1);
  renderSlides();
  select(S.selected, false);
  renderStrip();
  scheduleTimeline();
}

function warningLine(text) {
  const p = document.createElement("p");
  p.textContent = "⚠ " + text;
  return p;
}

function setValue(el, value) {
  // Never overwrite what the editor is typing in right now.
  if (document.activeElement !== el && el.value !== String(value ?? "")) el.value = value ?? "";
}

function renderSlides() {
  const list = $("#slides");
  const slides = S.state.article.slides;
  while (list.children.length > slides.length) list.lastElementChild.remove();
  while (list.children.length < slides.length) list.append(newSlideItem());
  slides.forEach((slide, i) => {
    const li = list.children[i];
    li.dataset.index = i;
    $(".num", li).textContent = `${i + 1}.`;
    setValue($(".heading", li), slide.heading);
    setValue($(".body", li), (slide.body || []).join("\n\n"));
    setValue($(".credit", li), slide.credit);
    setValue($(".duration", li), slide.duration);
    const warnings = S.state.warnings.slides[i] || [];
    const cardWarnings = (S.timeline && S.timeline.card_warnings[cardOf(i)]) || [];
    $(".warnings", li).replaceChildren(...[...warnings, ...cardWarnings].map(warningLine));
    li.classList.toggle("selected", i === S.selected);
  });
}

// Send a field's edit once typing pauses (and at once when the field loses focus).
function debounced(input, send) {
  let timer = null;
  const fire = () => { clearTimeout(timer); timer = null; send(); };
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(fire, 350); });
  input.addEventListener("change", () => { if (timer) fire(); });
}

function newSlideItem() {
  const li = $("#slide-template").content.firstElementChild.cloneNode(true);
  const index = () => Number(li.dataset.index);
  for (const field of ["heading", "body", "credit", "duration"]) {
    const input = $("." + field, li);
    debounced(input, () => {
      const value = field === "duration" ? (input.value === "" ? null : Number(input.value)) : input.value;
      edit({ op: "set", slide: index(), field, value }, input);
    });
  }
  li.addEventListener("focusin", () => select(index()));
  li.addEventListener("click", (e) => { if (!e.target.closest("input,textarea,button")) select(index()); });
  li.querySelectorAll("[data-act]").forEach((b) => b.addEventListener("click", () => act(b.dataset.act, index())));
  // Drag to reorder.
  li.addEventListener("dragstart", (e) => {
    if (e.target.closest("input,textarea")) { e.preventDefault(); return; }
    e.dataTransfer.setData("text/x-slide", String(index())); li.classList.add("dragging");
  });
  li.addEventListener("dragend", () => li.classList.remove("dragging"));
  li.addEventListener("dragover", (e) => { if (e.dataTransfer.types.includes("text/x-slide")) { e.preventDefault(); li.classList.add("drop-before"); } });
  li.addEventListener("dragleave", () => li.classList.remove("drop-before"));
  li.addEventListener("drop", (e) => {
    e.preventDefault(); li.classList.remove("drop-before");
    const from = Number(e.dataTransfer.getData("text/x-slide"));
    let to = index();
    if (from < to) to -= 1;  // dropped before this slide
    if (from !== to) { S.selected = to; edit({ op: "move", slide: from, to }); }
  });
  return li;
}

function act(kind, i) {
  const n = S.state.article.slides.length;
  if (kind === "up" && i > 0) { S.selected = i - 1; edit({ op: "move", slide: i, to: i - 1 }); }
  else if (kind === "down" && i < n - 1) { S.selected = i + 1; edit({ op: "move", slide: i, to: i + 1 }); }
  else if (kind === "split") edit({ op: "split", slide: i });
  else if (kind === "merge") edit({ op: "merge", slide: i });
  else if (kind === "add") { S.selected = i + 1; edit({ op: "add", at: i + 1 }); }
  else if (kind === "delete" && confirm(`Delete slide ${i + 1}?`)) edit({ op: "delete", slide: i });
}

// Edits go to the server one after another, in the order they were made.
function edit(op, input) {
  const id = S.state.id;
  S.busy += 1;
  S.queue = S.queue.then(async () => {
    try {
      const state = await api("POST", `/api/articles/${id}/edit`, op);
      if (input) input.classList.remove("field-error");
      showError(null);
      setState(state);
    } catch (err) {
      if (input) input.classList.add("field-error");
      showError(err);
    } finally { S.busy -= 1; }
  });
  return S.queue;
}

// ------------------------------------------------------------------------------------------------ seeing

function cardOf(slide) {
  const c = S.state.cards.find((c) => c.kind === "slide" && c.slide === slide);
  return c ? c.index : 0;
}

function cardUrl(card, width) {
  return `/api/articles/${S.state.id}/cards/${card.index}.png?key=${card.key}` + (width ? `&w=${width}` : "");
}

function select(slide, scroll = true) {
  if (slide !== null && slide >= 0) S.selected = slide;
  selectCard(cardOf(S.selected));
  [...$("#slides").children].forEach((li, i) => li.classList.toggle("selected", i === S.selected));
  renderPhotoTools();
  if (scroll) S.scrubbed = false;
  if (scroll && S.timeline) showFrameAt(cardStart(S.card));
}

function selectCard(index) {
  const card = S.state.cards[index];
  if (!card) return;
  S.card = index;
  const img = $("#card-preview");
  const url = cardUrl(card);
  if (img.getAttribute("src") !== url) img.src = url;
  $("#strip").querySelectorAll("img").forEach((im, i) => im.classList.toggle("selected", i === index));
  $("#segments").querySelectorAll("div").forEach((d) => d.classList.toggle("selected", Number(d.dataset.card) === index));
}

function renderStrip() {
  const strip = $("#strip");
  const cards = S.state.cards;
  while (strip.children.length > cards.length) strip.lastElementChild.remove();
  while (strip.children.length < cards.length) {
    const im = document.createElement("img");
    im.loading = "lazy";  // a 300-slide story draws its thumbnails as they scroll into view
    im.addEventListener("click", () => {
      const c = S.state.cards[Number(im.dataset.index)];
      if (c.slide !== null) select(c.slide); else { selectCard(c.index); showFrameAt(cardStart(c.index)); }
    });
    strip.append(im);
  }
  cards.forEach((c, i) => {
    const im = strip.children[i];
    im.dataset.index = i; im.alt = c.label; im.title = c.label;
    const url = cardUrl(c, 120);
    if (im.getAttribute("src") !== url) im.src = url;
    im.classList.toggle("selected", i === S.card);
  });
}

let timelineTimer = null;
function scheduleTimeline() {
  clearTimeout(timelineTimer);
  timelineTimer = setTimeout(loadTimeline, 250);
}

async function loadTimeline() {
  const id = S.state.id;
  try {
    const tl = await api("GET", `/api/articles/${id}/timeline`);
    if (!S.state || S.state.id !== id) return;
    S.timeline = tl;
    const box = $("#segments");
    $("#timeline-info").textContent = tl.error ? tl.error : `${tl.duration.toFixed(1)} s, ${tl.segments.length} cards` +
      (tl.warnings.length ? ` — ${tl.warnings.join("; ")}` : "");
    box.replaceChildren(...tl.segments.map((s) => {
      const d = document.createElement("div");
      d.style.flex = `${s.duration} 0 0`;
      d.dataset.card = s.card;
      d.className = s.kind === "slide" ? "slide-seg" : "";
      d.textContent = `${s.label} · ${s.duration.toFixed(1)}s`;
      d.title = `${s.label}: ${s.start.toFixed(1)}–${(s.start + s.duration).toFixed(1)} s (${s.transition})`;
      d.addEventListener("click", () => { if (s.slide !== null) select(s.slide); else { selectCard(s.card); showFrameAt(s.start); } });
      return d;
    }));
    const scrub = $("#scrubber");
    scrub.max = tl.duration.toFixed(2);
    selectCard(S.card);
    renderSlides();
    // The frame follows the selected card unless the editor has moved the scrubber since selecting it.
    showFrameAt(S.scrubbed ? Math.min(Number(scrub.value), tl.duration) : cardStart(S.card));
  } catch (err) { $("#timeline-info").textContent = err.message; }
}

function cardStart(index) {
  const seg = S.timeline && S.timeline.segments.find((s) => s.card === index);
  return seg ? seg.start + Math.min(seg.duration / 2, 1.0) : 0;
}

let frameLoading = false, frameWanted = null;
function showFrameAt(t) {
  $("#scrubber").value = t;
  $("#time").textContent = `${Number(t).toFixed(2)} s`;
  frameWanted = t;
  if (!frameLoading) nextFrame();
}

function nextFrame() {
  if (frameWanted === null) return;
  const t = frameWanted; frameWanted = null; frameLoading = true;
  const img = $("#frame");
  img.onload = img.onerror = () => { frameLoading = false; nextFrame(); };
  img.src = `/api/articles/${S.state.id}/frame.png?t=${t}&rev=${S.state.rev}`;
}

// ------------------------------------------------------------------------------------------------ wiring

function wire() {
  $("#read-article").addEventListener("click", () => openArticle({ text: $("#article-input").value }));
  $("#article-file").addEventListener("change", (e) => { if (e.target.files[0]) readFile(e.target.files[0]); });
  const paste = $(".paste");
  paste.addEventListener("dragover", (e) => { e.preventDefault(); paste.classList.add("drop"); });
  paste.addEventListener("dragleave", () => paste.classList.remove("drop"));
  paste.addEventListener("drop", (e) => {
    e.preventDefault(); paste.classList.remove("drop");
    if (e.dataTransfer.files[0]) readFile(e.dataTransfer.files[0]);
  });
  $("#new-article").addEventListener("click", async () => {
    $("#editor").hidden = true; $("#start").hidden = false; $("#new-article").hidden = true;
    S.photos = null; history.replaceState(null, "", location.pathname);
    await init();
  });
  document.querySelectorAll("[data-article-field]").forEach((el) => debounced(el, () =>
    edit({ op: "set", field: el.dataset.articleField, value: el.value }, el)));
  debounced($("#photo-alt"), () => edit({ op: "set", slide: S.selected, field: "alt", value: $("#photo-alt").value },
    $("#photo-alt")));
  $("#article-input").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) $("#read-article").click();
  });
  $("#add-slide").addEventListener("click", () => { S.selected = S.state.article.slides.length; edit({ op: "add" }); });
  for (const id of ["theme", "preset"]) {
    $("#" + id).addEventListener("change", async (e) => {
      try { setState(await api("POST", `/api/articles/${S.state.id}/settings`, { [id]: e.target.value })); }
      catch (err) { showError(err); }
    });
  }
  $("#conflict-reload").addEventListener("click", async () => {
    try { setState(await api("POST", `/api/articles/${S.state.id}/reload`)); } catch (err) { showError(err); }
  });
  $("#conflict-overwrite").addEventListener("click", async () => {
    try { setState(await api("POST", `/api/articles/${S.state.id}/save`, { force: true })); } catch (err) { showError(err); }
  });
  $("#scrubber").addEventListener("input", (e) => { S.scrubbed = true; showFrameAt(Number(e.target.value)); });
  document.querySelectorAll("[data-kind]").forEach((b) => b.addEventListener("click", () => startExport(b.dataset.kind)));
  setupPhotos();
  // A change made to the YAML file on disk shows up without waiting for the next edit.
  setInterval(async () => {
    if (!S.state || S.busy || document.hidden || $("#editor").hidden) return;
    try {
      const state = await api("GET", `/api/articles/${S.state.id}`);
      if (state.conflict !== S.state.conflict || state.rev !== S.state.rev) setState(state);
    } catch (err) { /* the next edit reports it */ }
  }, 3000);
}

document.addEventListener("DOMContentLoaded", () => { wire(); init().catch(showError); });
