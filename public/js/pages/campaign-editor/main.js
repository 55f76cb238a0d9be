import { useCsrfToken } from './api.js';
import { openArrowForm } from './arrow-form.js';
import { openCampaignForm } from './campaign-form.js';
import { createConnector } from './connect.js';
import { openJobTypeForm, openLoginSetupForm } from './definition-forms.js';
import { renderDefinitionsPanel } from './definitions-panel.js';
import { byId, debounce } from './dom.js';
import { arrowOfEdge, CAMPAIGN_NODE, createGraph, positionsOf, stageNodeId, stageOfNode } from './graph.js';
import { createIniBridge } from './ini-bridge.js';
import { showMessage, useMessageBox } from './messages.js';
import { renderProblems } from './problems.js';
import { createSaver } from './save.js';
import { openStageForm } from './stage-form.js';
import { addStage, renameCampaign, uniqueStageName } from './stage-ops.js';
import { createStore } from './state.js';
import { createTextView } from './text-view.js';
import { createToolbar } from './toolbar.js';
import { createChainCheck } from './chain-check.js';

// The campaign editor page (views/pages/campaign-editor/editor.njk): wires the document store to
// the graph, the forms, the text view and the saves. The page's data is the JSON twin's answer
// (GET /api/v1/experiments/:exp/campaigns/:id/editor), embedded in the page.

function start(root) {
  const data = JSON.parse(byId('editor-data').textContent);
  useCsrfToken(root.dataset.csrf);
  useMessageBox(byId('editor-message'));
  const exp = encodeURIComponent(data.experiment);
  const ctx = {
    campaignId: data.campaign_id,
    canModify: data.can_modify,
    catalog: data.catalog,
    version: data.version,
    apiBase: `/api/v1/experiments/${exp}/campaigns`,
    pageBase: `/experiments/${exp}/campaigns`,
    store: createStore(data.document),
    savedIni: null,
    leaving: false,
  };
  const bridge = createIniBridge(ctx.apiBase);
  const connector = createConnector(ctx);

  ctx.graph = createGraph(
    byId('editor-graph'),
    {
      onNode(id) {
        if (connector.active) return connector.node(id);
        if (id === CAMPAIGN_NODE) openCampaignForm(ctx);
        else openStageForm(ctx, stageOfNode(id));
      },
      onEdge(id) {
        if (connector.active) return connector.cancel();
        const index = arrowOfEdge(id);
        if (index !== null) openArrowForm(ctx, index);
      },
      onBackground: () => connector.cancel(),
      onMoved(positions) {
        if (!ctx.canModify) return;
        ctx.store.apply('Move nodes', (doc) => {
          doc.nodePositions = positionsOf(doc, positions);
        });
      },
    },
    { readOnly: !ctx.canModify },
  );
  ctx.textView = createTextView(ctx, bridge);
  ctx.showProblems = (problems) => renderProblems(byId('editor-problems'), problems, ctx.textView.goToLine);
  const saver = createSaver(ctx);

  function newStage() {
    const name = uniqueStageName(ctx.store.doc, 'stage');
    ctx.store.apply(`Add stage ${name}`, (doc) => addStage(doc, name, ctx.graph.centre()));
    ctx.graph.select(stageNodeId(name));
    openStageForm(ctx, name);
  }

  const toolbar = createToolbar(
    ctx,
    {
      'edit-campaign': () => openCampaignForm(ctx),
      'add-stage': newStage,
      connect: () => connector.toggle(),
      undo: () => ctx.store.undo(),
      redo: () => ctx.store.redo(),
      fit: () => ctx.graph.fit(),
      'toggle-text': () => ctx.textView.toggle(),
      check: () => saver.check(),
      'check-chain': createChainCheck(ctx),
      save: () => saver.save(),
      'save-as-new': () => saver.saveAsNew(),
    },
    { undo: () => ctx.store.undo(), redo: () => ctx.store.redo(), escape: () => connector.cancel() },
  );
  ctx.setBusy = (on) => toolbar.busy(on);

  const nameInput = byId('editor-name');
  nameInput?.addEventListener('change', () =>
    ctx.store.apply('Name the campaign', (doc) => renameCampaign(doc, nameInput.value.trim())),
  );

  const renderText = debounce(async () => {
    const answer = await ctx.textView.render(ctx.store.doc);
    if (answer) ctx.showProblems(answer.problems);
  }, 120);

  function refresh(change) {
    const doc = ctx.store.doc;
    ctx.graph.sync(doc, ctx.catalog.builtInDefaults);
    renderDefinitionsPanel(byId('editor-definitions'), ctx, {
      openJobType: (name) => openJobTypeForm(ctx, name),
      openLoginSetup: (name) => openLoginSetupForm(ctx, name),
    });
    byId('editor-title').textContent = doc.campaign.name || 'New campaign';
    if (nameInput && document.activeElement !== nameInput) nameInput.value = doc.campaign.name;
    if (change.source === 'saved') {
      ctx.textView.setText(ctx.savedIni);
      ctx.showProblems([]);
    } else if (change.source !== 'text') renderText();
    toolbar.update();
  }
  ctx.store.subscribe(refresh);
  refresh({ source: 'load' });
  renderText.cancel();
  ctx.textView.setText(data.ini);
  ctx.showProblems(data.problems);

  window.addEventListener('beforeunload', (e) => {
    if (ctx.leaving || !(ctx.store.dirty || ctx.textView.unapplied)) return;
    e.preventDefault();
    e.returnValue = '';
  });
  const note = window.sessionStorage.getItem('poms-editor-message');
  if (note) {
    window.sessionStorage.removeItem('poms-editor-message');
    showMessage('positive', note);
  }
  // For the browser tests and for debugging from the console.
  window.campaignEditor = { ctx, network: ctx.graph.network };
}

const root = byId('campaign-editor');
if (root) start(root);
