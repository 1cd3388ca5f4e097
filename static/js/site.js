// What every page does without the sandbox bundle: the language switcher submits itself when a
// language is picked. (A file, not an inline handler: the Content-Security-Policy allows only
// scripts served by Podlab.)
document.addEventListener("DOMContentLoaded", () => {
  const select = document.getElementById("language-select");
  if (select) select.addEventListener("change", () => select.form.submit());
});
