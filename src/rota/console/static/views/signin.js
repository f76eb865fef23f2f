// Sign-in: the same email and password as POST /api/auth/login.
import { api } from "../api.js";
import { act, errorBox, field, h, replace } from "../ui.js";

export function render(main, { note, onSignedIn }) {
  const email = h("input", { type: "email", name: "email", autocomplete: "username", required: true, autofocus: true });
  const password = h("input", { type: "password", name: "password", autocomplete: "current-password", required: true });
  const box = errorBox({ id: "signin-error" });
  const button = h("button", { type: "submit", class: "primary wide" }, "Sign in");
  const form = h("form", { class: "signin-form", novalidate: false },
    field("Email", email), field("Password", password), box, button);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    act(button, box, async () => {
      const data = await api("POST", "/api/auth/login", { email: email.value.trim(), password: password.value });
      await onSignedIn(data);
    }, form);
  });
  const banner = note === "expired"
    ? h("div", { class: "banner warn", role: "alert", id: "session-note" }, "Your session has expired — sign in again.")
    : note === "signed-out"
      ? h("div", { class: "banner", role: "status", id: "session-note" }, "You have signed out.")
      : null;
  replace(main, h("div", { class: "signin" },
    h("div", { class: "signin-card" },
      h("div", { class: "signin-brand" }, h("span", { class: "logo", "aria-hidden": "true" }, "R"), "Rota"),
      h("h1", {}, "Sign in"),
      h("p", { class: "muted" }, "Team and hand-off routing for your support desk."),
      banner, form)));
  email.focus();
  return {};
}
