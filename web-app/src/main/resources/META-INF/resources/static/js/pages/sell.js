import { $, api, el, explain, requireSession, start, text } from '../core.js';

// Selling: photos are uploaded first (each checked and re-encoded by media-service) and previewed while chosen;
// the chosen category's attribute fields (its own and inherited) are asked for.

let categories = [];

function flatten(list, trail = [], out = []) {
  for (const c of list) {
    out.push({ ...c, label: [...trail, c.name].join(' › ') });
    flatten(c.children || [], [...trail, c.name], out);
  }
  return out;
}

function attributeField(a) {
  const id = 'attr-' + a.key;
  const label = el('label', { for: id }, a.label + (a.required ? '' : ' (optional)'));
  let input;
  if (a.type === 'BOOLEAN') {
    input = el('input', { id, type: 'checkbox', 'data-key': a.key, 'data-type': a.type });
    return el('div', { class: 'field check' }, input, label);
  }
  if (a.type === 'ENUM') {
    input = el('select', { id, 'data-key': a.key, 'data-type': a.type, required: a.required },
      el('option', { value: '' }, '–'), ...(a.options || []).map((o) => el('option', { value: o }, o)));
  } else {
    input = el('input', { id, 'data-key': a.key, 'data-type': a.type, required: a.required,
      type: a.type === 'NUMBER' ? 'number' : 'text', step: a.type === 'NUMBER' ? 'any' : null, maxlength: a.type === 'TEXT' ? '200' : null });
  }
  return el('div', { class: 'field' }, label, input);
}

function showAttributes() {
  const chosen = categories.find((c) => c.id === $('#category').value);
  const fieldset = $('#attributes');
  const definitions = chosen ? [...(chosen.inheritedAttributes || []), ...(chosen.attributes || [])] : [];
  fieldset.replaceChildren(el('legend', {}, 'Details of the category'), ...definitions.map(attributeField));
  fieldset.hidden = definitions.length === 0;
}

function previews() {
  const files = [...$('#photos').files];
  $('#previews').replaceChildren(...files.map((f) => el('li', {},
    el('img', { src: URL.createObjectURL(f), alt: 'Preview of ' + f.name, class: 'preview' }))));
}

const amount = (id) => ($(id).value ? Number($(id).value) : undefined);

async function list(event) {
  event.preventDefault();
  text('#sell-error', '');
  const button = $('#list');
  button.disabled = true;
  try {
    const photos = [];
    for (const file of $('#photos').files) {
      const form = new FormData();
      form.append('file', file);
      const media = await api('/api/media', { method: 'POST', form });
      photos.push({ mediaId: media.id, main: photos.length === 0 });
    }
    const attributes = {};
    document.querySelectorAll('#attributes [data-key]').forEach((input) => {
      if (input.dataset.type === 'BOOLEAN') attributes[input.dataset.key] = input.checked;
      else if (input.value !== '') attributes[input.dataset.key] = input.dataset.type === 'NUMBER' ? Number(input.value) : input.value;
    });
    const body = { title: $('#title').value.trim(), description: $('#description').value, startingPrice: amount('#startingPrice'),
      minIncrement: amount('#minIncrement'), reservePrice: amount('#reservePrice'), buyNowPrice: amount('#buyNowPrice'),
      depositRequired: amount('#depositRequired'),
      endsAt: new Date(Date.now() + Number($('#duration').value) * 60000).toISOString(), photos, attributes,
      categoryIds: $('#category').value ? [$('#category').value] : [] };
    if ($('#softClose').checked) body.softClose = { window: 'PT2M', extension: 'PT2M', mode: 'EXTEND' };
    const created = await api('/api/auctions', { method: 'POST', body });
    location.assign('/auctions/' + created.id);
  } catch (error) {
    text('#sell-error', error.code === 'EMAIL_NOT_VERIFIED' ? 'Verify your e-mail address before you sell.' : explain(error));
    button.disabled = false;
  }
}

start(async () => {
  if (!requireSession()) return;
  categories = flatten(await api('/api/categories', { auth: false }));
  $('#category').append(...categories.map((c) => el('option', { value: c.id }, c.label)));
  $('#category').addEventListener('change', showAttributes);
  $('#photos').addEventListener('change', previews);
  $('#sell').addEventListener('submit', list);
});
