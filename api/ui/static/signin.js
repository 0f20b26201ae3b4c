// Sign in: check the key against the service (GET /v1/me), keep it for this
// browser session (or on this device), then go where the user was headed.
import { api, markReady, setKey, showStatus } from "./common.js";

const form = document.getElementById("signin-form");
const status = document.getElementById("status");

function nextPage() {
  const next = new URLSearchParams(location.search).get("next") || "";
  // Only paths of these pages: never send the user to another site.
  return next.startsWith("/ui/") && !next.startsWith("//") ? next : "/ui/queue";
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const key = form.key.value.trim();
  showStatus(status, "Checking the key…");
  try {
    const me = await api("/v1/me", { key });
    setKey(key, form.remember.checked);
    sessionStorage.setItem("triage.me", JSON.stringify(me));
    showStatus(status, `Signed in as ${me.role}.`);
    location.assign(nextPage());
  } catch (err) {
    const message = err.status === 401 ? "This key is not valid (unknown or revoked)." : err.message;
    showStatus(status, message, true);
    form.key.focus();
  }
});

document.getElementById("key").focus();
markReady();
