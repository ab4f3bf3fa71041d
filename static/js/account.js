// Generate Code on the registration form, and the captcha refresh buttons.
(function () {
  document.querySelectorAll("[data-refresh-captcha]").forEach((btn) => {
    btn.addEventListener("click", () => {
      const img = document.getElementById(btn.dataset.refreshCaptcha);
      img.src = img.src.split("?")[0] + "?t=" + Date.now();
    });
  });
  const button = document.getElementById("generate-code");
  if (!button) return;
  const status = document.getElementById("code-status");
  const t = window.eptspTexts("email_code");
  button.addEventListener("click", async () => {
    const form = button.closest("form");
    const body = new FormData();
    body.append("csrf_token", form.querySelector("[name=csrf_token]").value);
    body.append("email", form.querySelector("[name=email]").value);
    button.disabled = true;
    status.className = "small mb-2 text-muted";
    status.textContent = t("sending");
    try {
      const res = await fetch(button.dataset.url, { method: "POST", body });
      let data = { message: t("failed") };
      try { data = await res.json(); } catch (e) { /* rate-limit page is HTML */ }
      if (res.status === 429 && !data.ok) data.message = t("too_often");
      status.className = "small mb-2 " + (data.ok ? "text-success" : "text-danger");
      status.textContent = data.message;
    } finally {
      setTimeout(() => { button.disabled = false; }, 3000);
    }
  });
})();
