// Chat with the helpdesk: draws the conversation, polls for new messages, sends, and reports
// read receipts. One script for the applicant, the visitor and the helpdesk console.
// Delivery: with data-long-poll="1" (the server has Redis) each poll waits until something
// changes; if that fails, or without Redis, it polls every second (?after=<last id>).
(function () {
  "use strict";
  const panel = document.getElementById("chat-panel");
  if (!panel) return;
  const log = document.getElementById("chat-log");
  const form = document.getElementById("chat-form");
  const body = document.getElementById("chat-body");
  const error = document.getElementById("chat-error");
  const closedNote = document.getElementById("chat-closed");
  const side = panel.dataset.side;
  const label = (name) => panel.dataset["label" + name] || "";
  const seen = new Set();
  let after = 0;
  let marks = "";
  let otherRead = 0;
  let reported = 0;
  let longPoll = panel.dataset.longPoll === "1";
  let failures = 0;
  let timer = null;
  let inFlight = false;

  function whoLabel(m) {
    if (m.sender === side) return label("You");
    if (m.sender === "sistem") return label("System");
    if (m.author) return m.author;
    return m.sender === "petugas" ? label("Staff") : label("Applicant");
  }

  function render(m) {
    if (seen.has(m.id)) return;
    seen.add(m.id);
    const row = document.createElement("div");
    row.className = "chat-msg chat-" + (m.sender === side ? "mine" : m.sender === "sistem" ? "system" : "theirs");
    row.dataset.id = m.id;
    const bubble = document.createElement("div");
    bubble.className = "chat-bubble";
    const head = document.createElement("div");
    head.className = "chat-meta";
    head.textContent = whoLabel(m) + " · " + m.date + " " + m.time;
    bubble.appendChild(head);
    if (m.body) {
      const text = document.createElement("div");
      text.className = "chat-text";
      text.textContent = m.body;
      bubble.appendChild(text);
    }
    if (m.attachment) {
      const link = document.createElement("a");
      link.href = m.attachment.url;
      link.className = "chat-attachment";
      link.textContent = "📎 " + m.attachment.name + " (" + m.attachment.size + ")";
      bubble.appendChild(link);
    }
    if (m.sender === side) {
      const tick = document.createElement("div");
      tick.className = "chat-tick";
      bubble.appendChild(tick);
    }
    row.appendChild(bubble);
    log.appendChild(row);
  }

  function updateTicks() {
    log.querySelectorAll(".chat-mine").forEach((row) => {
      const read = Number(row.dataset.id) <= otherRead;
      const tick = row.querySelector(".chat-tick");
      tick.textContent = read ? "✓✓ " + label("Read") : "✓ " + label("Sent");
      tick.classList.toggle("chat-read", read);
    });
  }

  function post(url, data) {
    return fetch(url, { method: "POST", body: data, credentials: "same-origin",
                        headers: { Accept: "application/json" } });
  }

  function reportRead() {
    if (document.visibilityState !== "visible" || after <= reported) return;
    const theirs = Array.from(log.querySelectorAll(".chat-theirs, .chat-system"))
      .some((row) => Number(row.dataset.id) > reported);
    if (!theirs) return;
    reported = after;
    const data = new FormData();
    data.append("csrf_token", form.querySelector("[name=csrf_token]").value);
    data.append("upto", String(after));
    post(panel.dataset.readUrl, data).catch(() => { reported = 0; });
  }

  function apply(data) {
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    data.messages.forEach(render);
    if (data.messages.length) {
      after = Math.max(after, data.messages[data.messages.length - 1].id);
      if (atBottom || data.messages.some((m) => m.sender === side)) log.scrollTop = log.scrollHeight;
    }
    marks = data.marks;
    otherRead = side === "pemohon" ? data.staff_read : data.applicant_read;
    updateTicks();
    const closed = data.status === "selesai";
    if (closedNote) closedNote.classList.toggle("d-none", !closed);
    if (closed) form.classList.add("d-none");
    // the page's own controls: "end conversation" while open, "start a new one" once closed
    document.querySelectorAll("[data-chat-while]").forEach((el) => {
      el.classList.toggle("d-none", (el.dataset.chatWhile === "closed") !== closed);
    });
    reportRead();
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(poll, ms);
  }

  async function poll() {
    if (inFlight) return;
    inFlight = true;
    const url = new URL(panel.dataset.messagesUrl, window.location.href);
    url.searchParams.set("after", String(after));
    if (marks) url.searchParams.set("marks", marks);
    if (longPoll && after > 0) url.searchParams.set("wait", "1");
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      apply(await response.json());
      failures = 0;
      inFlight = false;
      schedule(longPoll ? 0 : 1000);
    } catch (e) {
      inFlight = false;
      failures += 1;
      if (failures >= 2) longPoll = false; // fall back to plain polling
      schedule(Math.min(1000 * failures, 5000));
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    const data = new FormData(form);
    const button = document.getElementById("chat-send");
    button.disabled = true;
    try {
      const response = await post(panel.dataset.sendUrl, data);
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        error.textContent = answer.error || label("Failed");
      } else {
        body.value = "";
        const file = document.getElementById("chat-file");
        if (file) file.value = "";
        if (!longPoll) schedule(0);
      }
    } catch (e) {
      error.textContent = label("Failed");
    } finally {
      button.disabled = false;
      body.focus();
    }
  });

  body.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  const canned = document.getElementById("chat-canned");
  if (canned) {
    canned.addEventListener("change", () => {
      const option = canned.selectedOptions[0];
      if (option && option.dataset.body) {
        body.value = body.value ? body.value + "\n" + option.dataset.body : option.dataset.body;
        body.focus();
      }
      canned.value = "";
    });
  }

  document.addEventListener("visibilitychange", reportRead);
  panel.dataset.ready = "1";
  poll();
})();
