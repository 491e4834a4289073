// Saves each answer of the questionnaire as it is given. The page works without this script (the
// form posts the whole measure); with it, every change of a task is sent on its own, retried when the
// network fails, and a conflict with a colleague's answer is shown instead of overwriting it.
const form = document.querySelector('form[data-autosave]');
if (form) {
  const url = form.dataset.autosave;
  const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
  const delays = [1000, 2000, 4000, 8000, 16000];
  let unsaved = 0;

  const time = () => new Date().toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });

  const show = (task, text, kind) => {
    const state = task.querySelector('[data-state]');
    state.textContent = text;
    state.classList.toggle('fr-message--valid', kind === 'valid');
    state.classList.toggle('fr-message--error', kind === 'error');
    state.classList.toggle('fr-message--info', kind === 'info');
  };

  const answerOf = (task) => {
    const data = new FormData();
    for (const input of task.querySelectorAll('input, textarea')) {
      if (input.type === 'radio' && !input.checked) continue;
      data.append(input.name.replace(/^Answers\[\d+\]\./, ''), input.value);
    }
    data.append('__RequestVerificationToken', token);
    return data;
  };

  const send = async (task) => {
    const data = answerOf(task);
    if (!data.get('Status')) return;
    if (data.get('Status') === 'detaille' && (data.get('FaitPercent') === '' || data.get('ProgrammePercent') === '')) {
      show(task, 'Indiquez la part faite et la part programmée pour enregistrer un avancement détaillé.', 'info');
      return;
    }
    unsaved++;
    show(task, 'Enregistrement…', 'info');
    try {
      for (let attempt = 0; ; attempt++) {
        let response;
        try {
          response = await fetch(url, { method: 'POST', body: data, headers: { 'X-Requested-With': 'fetch' } });
        } catch {
          response = null; // the network dropped
        }
        if (response && response.status < 500 && response.status !== 429) {
          const body = await response.json().catch(() => ({}));
          if (response.ok) {
            task.querySelector('[data-version]').value = body.version ?? 0;
            show(task, `Enregistré à ${time()}`, 'valid');
          } else {
            show(task, body.message ?? 'Cette réponse n’a pas pu être enregistrée.', 'error');
          }
          return;
        }
        if (attempt >= delays.length) {
          show(task, 'Non enregistré : la connexion semble coupée. Votre réponse reste affichée ; utilisez le bouton « Enregistrer » quand la connexion revient.', 'error');
          return;
        }
        show(task, `Échec de l’enregistrement, nouvel essai dans ${delays[attempt] / 1000} s…`, 'error');
        await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
      }
    } finally {
      unsaved--;
    }
  };

  // One save at a time per task, in the order of the changes.
  const queues = new WeakMap();
  form.addEventListener('change', (event) => {
    const task = event.target.closest('[data-task]');
    if (!task) return;
    const previous = queues.get(task) ?? Promise.resolve();
    queues.set(task, previous.then(() => send(task)));
  });

  window.addEventListener('beforeunload', (event) => {
    if (unsaved > 0) event.preventDefault();
  });
}
