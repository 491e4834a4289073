// Saves each answer of the questionnaire as it is given. The page works without this script (the
// form posts the whole measure); with it, every change of a task is sent on its own, retried when the
// network fails, and a conflict with a colleague's answer is shown instead of overwriting it.
const form = document.querySelector('form[data-autosave]');
if (form) {
  const url = form.dataset.autosave;
  const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
  const delays = [1000, 2000, 4000, 8000, 16000];
  // Tasks whose last change is not saved yet: leaving the page warns while there are any.
  const unsaved = new Set();

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

  // On a conflict, the page takes the colleague's answer and version: choosing again then saves over it, knowingly.
  const takeTheirs = (task, body) => {
    task.querySelector('[data-version]').value = body.version ?? 0;
    for (const radio of task.querySelectorAll('input[type="radio"]')) radio.checked = radio.value === body.status;
  };

  const send = async (task) => {
    const data = answerOf(task);
    if (!data.get('Status')) {
      if (data.get('Comment')) show(task, 'Choisissez d’abord où en est cette action : le commentaire sera enregistré avec elle.', 'info');
      return;
    }
    if (data.get('Status') === 'detaille' && (data.get('FaitPercent') === '' || data.get('ProgrammePercent') === '')) {
      show(task, 'Indiquez la part faite et la part programmée pour enregistrer un avancement détaillé.', 'info');
      return;
    }
    show(task, 'Enregistrement…', 'info');
    for (let attempt = 0; ; attempt++) {
      let response = null;
      try {
        // A redirect means the session ended (or a page must come first): never take it for a save.
        response = await fetch(url, { method: 'POST', body: data, redirect: 'manual', headers: { 'X-Requested-With': 'XMLHttpRequest' } });
      } catch {
        response = null; // the network dropped
      }
      if (response && (response.type === 'opaqueredirect' || response.status === 401)) {
        show(task, 'Non enregistré : votre session a pris fin. Rechargez la page pour vous reconnecter, puis répondez de nouveau.', 'error');
        return;
      }
      if (response && response.status < 500 && response.status !== 429) {
        const body = await response.json().catch(() => null);
        if (response.ok && body && body.outcome) {
          task.querySelector('[data-version]').value = body.version ?? 0;
          unsaved.delete(task);
          show(task, `Enregistré à ${time()}`, 'valid');
        } else if (response.status === 409 && body) {
          takeTheirs(task, body);
          unsaved.delete(task);
          show(task, body.message, 'error');
        } else {
          show(task, body?.message ?? 'Cette réponse n’a pas pu être enregistrée.', 'error');
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
  };

  // One save at a time per task, in the order of the changes.
  const queues = new WeakMap();
  form.addEventListener('change', (event) => {
    const task = event.target.closest('[data-task]');
    if (!task) return;
    unsaved.add(task);
    const previous = queues.get(task) ?? Promise.resolve();
    queues.set(task, previous.then(() => send(task)));
  });

  window.addEventListener('beforeunload', (event) => {
    if (unsaved.size > 0) event.preventDefault();
  });
}
