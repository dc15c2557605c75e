// slide2video studio: photos (choose, upload, focal point) and exports (progress over server-sent events,
// cancel, downloads). Loaded beside studio.js, whose helpers ($, S, api, edit, setState, showError) it uses.
"use strict";

// ------------------------------------------------------------------------------------------------ photos

async function renderPhotoTools() {
  const slide = S.state.article.slides[S.selected];
  const thumb = $("#photo-thumb");
  const dot = $("#focus-dot");
  if (slide && slide.image) {
    const url = `/api/articles/${S.state.id}/slides/${S.selected}/photo?image=${encodeURIComponent(slide.image)}`;
    if (thumb.getAttribute("src") !== url) thumb.src = url;
    const [x, y] = slide.focus || [0.5, 0.4];
    dot.style.left = `${x * 100}%`; dot.style.top = `${y * 100}%`; dot.hidden = false;
  } else { thumb.removeAttribute("src"); dot.hidden = true; }
  const choose = $("#photo-choose");
  if (!S.photos) {
    S.photos = (await api("GET", `/api/articles/${S.state.id}/photos`)).photos;
    choose.replaceChildren(new Option("— choose a photo —", ""), ...S.photos.map((p) => new Option(p.label, p.value)));
  }
  choose.value = slide && slide.image ? slide.image : "";
  setValue($("#photo-alt"), slide ? slide.alt : "");
}

function setupPhotos() {
  $("#photo-choose").addEventListener("change", (e) =>
    edit({ op: "set", slide: S.selected, field: "image", value: e.target.value || null }));
  $("#photo-remove").addEventListener("click", () => edit({ op: "set", slide: S.selected, field: "image", value: null }));
  $("#photo-box").addEventListener("click", (e) => {
    const img = $("#photo-thumb");
    if (!img.getAttribute("src")) return;
    const r = img.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
    const y = Math.min(1, Math.max(0, (e.clientY - r.top) / r.height));
    edit({ op: "set", slide: S.selected, field: "focus", value: [Number(x.toFixed(3)), Number(y.toFixed(3))] });
  });
  $("#photo-upload").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    try {
      const state = await api("POST", `/api/articles/${S.state.id}/slides/${S.selected}/photo`, undefined,
        { body: file, name: file.name });
      S.photos = null;
      setState(state);
    } catch (err) { showError(err); }
  });
}

// ------------------------------------------------------------------------------------------------ exports

async function startExport(kind) {
  try {
    const job = await api("POST", `/api/articles/${S.state.id}/exports`, { kind });
    const li = document.createElement("li");
    li.dataset.job = job.id;
    $("#jobs").prepend(li);
    renderJob(li, job);
    const events = new EventSource(`/api/exports/${job.id}/events`);
    events.onmessage = (e) => {
      const snap = JSON.parse(e.data);
      renderJob(li, snap);
      if (["done", "failed", "cancelled"].includes(snap.state)) events.close();
    };
    events.onerror = () => events.close();
  } catch (err) { showError(err); }
}

function renderJob(li, job) {
  // Built once and updated in place: a cancel button re-created on every progress event could miss its click.
  if (!li.firstChild) {
    const head = document.createElement("div");
    const bar = document.createElement("progress");
    bar.dataset.testid = "progress"; bar.max = 1;
    const cancel = document.createElement("button");
    cancel.type = "button"; cancel.textContent = "cancel"; cancel.dataset.testid = "cancel";
    cancel.addEventListener("click", () => api("POST", `/api/exports/${job.id}/cancel`).catch(showError));
    const msg = document.createElement("div");
    const links = document.createElement("div");
    li.append(head, bar, cancel, msg, links);
  }
  const [head, bar, cancel, msg, links] = li.children;
  const finished = ["done", "failed", "cancelled"].includes(job.state);
  head.textContent = `${job.kind}: ${job.state}` +
    (job.stage && job.state === "running" ? ` (${job.stage} ${job.done}/${job.total})` : "");
  head.className = job.state;
  bar.value = job.fraction;
  bar.hidden = cancel.hidden = finished;
  msg.textContent = [job.state === "done" ? "" : job.message, ...job.warnings.map((w) => `⚠ ${w}`)]
    .filter(Boolean).join("\n");
  msg.style.whiteSpace = "pre-line";
  if (links.children.length !== job.files.length) {
    links.replaceChildren(...job.files.map((f) => {
      const a = document.createElement("a");
      a.href = f.url; a.textContent = `⬇ ${f.name}`; a.download = f.name; a.dataset.testid = "download"; a.title = f.path;
      return a;
    }));
  }
}
