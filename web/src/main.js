// The page's controller: signing in, which team and node are open (the URL hash), and where errors are shown.
import './style.css';
import { DepcApi } from './api.js';
import { DiffView } from './diffView.js';
import { $, el, clear, show } from './dom.js';
import { ImpactedPanel } from './impactedPanel.js';
import { NodeView } from './nodeView.js';
import { RejectionsPanel } from './rejectionsPanel.js';
import { session } from './session.js';
import { Sidebar } from './sidebar.js';

const NodeRoute = /^#\/node\/([^/]+)\/(.+)$/;

class App {
  constructor() {
    this.api = null;
    this.team = null;
    this.labels = [];
    this.sidebar = new Sidebar(this);
    this.nodeView = new NodeView(this);
    this.impacted = new ImpactedPanel(this);
    this.diff = new DiffView(this);
    this.rejections = new RejectionsPanel(this);
    $('sign-in').addEventListener('submit', (event) => {
      event.preventDefault();
      this.signIn($('token').value.trim());
    });
    $('sign-out').addEventListener('click', () => this.signOut());
    $('team').addEventListener('change', () => this.enterTeam($('team').value));
    window.addEventListener('hashchange', () => this.route());
  }

  async start() {
    // A sign-in link (depc serve --demo prints one) carries the token in the fragment, which no server sees:
    // taken into the tab's session, then wiped from the address bar and the history.
    const linked = /^#token=(.+)$/.exec(window.location.hash);
    if (linked) {
      session.save(decodeURIComponent(linked[1]));
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    const token = session.token();
    if (token) await this.signIn(token);
    else this.#showSignIn();
  }

  async signIn(token) {
    this.api = new DepcApi(token);
    const me = await this.call((api) => api.whoAmI());
    if (!me) return;
    session.save(token);
    $('token').value = '';
    show($('sign-in-view'), false);
    show($('team-view'), true);
    show($('sign-out'), true);
    if (me.admin) await this.#chooseTeam();
    else await this.enterTeam(me.team);
  }

  signOut(message = '') {
    session.clear();
    this.api = null;
    this.team = null;
    this.#showSignIn();
    this.#alert(message);
  }

  async enterTeam(team) {
    this.team = team;
    const who = $('signed-in-as');
    who.textContent = `Team ${team}`;
    show(who, true);
    this.labels = await this.sidebar.load();
    await this.rejections.load();
    await this.route();
  }

  async route() {
    if (!this.team) return;
    const route = parseNodeRoute(window.location.hash);
    if (!route) {
      this.nodeView.reset();
      this.impacted.hide();
      this.diff.hide();
      return;
    }
    const { label, name } = route;
    if (await this.nodeView.open(label, name)) {
      this.impacted.show(this.labels, { label, name });
      this.diff.show({ label, name });
    } else {
      this.impacted.hide();
      this.diff.hide();
    }
  }

  nodeHref(label, name) {
    return `#/node/${encodeURIComponent(label)}/${encodeURIComponent(name)}`;
  }

  openNode(label, name) {
    window.location.hash = this.nodeHref(label, name);
  }

  /**
   * Runs one API call and shows what went wrong, if anything: a refused token sends the user back to sign in,
   * a missing resource goes to onNotFound when given, anything else is shown in the alert bar. Null on failure.
   */
  async call(request, { notFound } = {}) {
    this.#alert('');
    try {
      return await request(this.api, this.team);
    } catch (error) {
      if (error.kind === 'unauthorized') this.signOut(error.message);
      else if (error.kind === 'not-found' && notFound) notFound();
      else this.#alert(error.message ?? String(error));
      return null;
    }
  }

  async #chooseTeam() {
    const teams = await this.call((api) => api.teams());
    if (!teams) return;
    const select = $('team');
    clear(select);
    for (const { name } of teams) select.append(el('option', { value: name }, name));
    show($('team-chooser'), true);
    if (teams.length === 0) this.#alert('No team exists yet: create one with depc team create.');
    else await this.enterTeam(teams[0].name);
  }

  #showSignIn() {
    show($('team-view'), false);
    show($('sign-out'), false);
    show($('signed-in-as'), false);
    show($('sign-in-view'), true);
    $('token').focus();
    this.#showFirstTeamHint();
  }

  async #showFirstTeamHint() {
    const setup = await DepcApi.setup();
    const none = Boolean(setup && !setup.has_teams && setup.create_team);
    if (none) $('first-team-command').textContent = setup.create_team;
    show($('first-team'), none);
  }

  #alert(message) {
    $('alert').textContent = message;
    show($('alert'), Boolean(message));
  }
}

/** The node a URL hash names, or null (also for a hash mangled by hand: a bad %-escape). */
function parseNodeRoute(hash) {
  const match = NodeRoute.exec(hash);
  if (!match) return null;
  try {
    return { label: decodeURIComponent(match[1]), name: decodeURIComponent(match[2]) };
  } catch {
    return null;
  }
}

new App().start();
