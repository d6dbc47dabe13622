// Behaviour that would otherwise need inline script (forbidden by our CSP).

// Ask before destructive actions: any form with data-confirm="question".
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.dataset ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
