// Titles and values come from a pull request's author and from Secoda: in the Markdown that
// GitHub renders (comment, job summary, drift issue) they must never ping, link or inject HTML.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { cat, category, ev, event, plan, prop, property, resetClock, state } from '../support/remote-fixtures.js';

/** The Markdown with code spans and fenced blocks removed: GitHub links nothing inside them. */
function outsideCode(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '').replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
}

describe('the plan as Markdown, with hostile titles', () => {
  resetClock();
  const remote = state({
    categories: [category('cat-1', '@octo-org/admins #1'), category('cat-old', 'Old @everyone team #9')],
    events: [
      event('ev-1', 'cat-1', 'Deploy @octocat', { description: 'ping @octocat' }),
      event('ev-gone', 'cat-1', 'Removed see octo/repo#77 and GH-5 <img src=x onerror=alert(1)>'),
    ],
    properties: [property('p-1', 'ev-1', 'kind', { type: 'enum', enum: 'a, @b' })],
  });
  const tracking = plan([
    cat('@octo-org/admins #1', [
      ev('Deploy @octocat', [prop('kind', { type: 'enum', enum: ['@b', 'c #2'] })], {
        description: 'now see https://github.com/octo/repo/issues/1 and @octocat',
      }),
      ev('New @ghost event #4'),
    ]),
  ]);
  const markdown = renderPlanMarkdown(buildPlan(tracking, remote, { writesPerMinute: 0 }));

  it('keeps every mention, reference and URL from working outside code', () => {
    const text = outsideCode(markdown).replace(/<\/?(details|summary|b|sub)>/g, '');
    expect(text).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/m);
    expect(text).not.toMatch(/#\d/);
    expect(text).not.toMatch(/GH-\d/);
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toMatch(/<img/i);
  });

  it('still shows the titles, readably', () => {
    expect(markdown.replace(/\u200b/g, '')).toContain('@octo-org/admins #1');
    expect(markdown).toContain('Deploy @octocat');
  });
});

describe('the shared-definitions line, with a hostile definition title', () => {
  resetClock();
  // A definition's title is the pull request author's: it is quoted on the summary line.
  const title = '@octocat <!-- #12 <img src=x> https://evil.example';
  const markdown = renderPlanMarkdown(
    buildPlan(plan([cat('Shop', [ev('Viewed', [prop('x', { type: 'string', shared: { definition: title, overrides: [] } })])])]), state(), {
      writesPerMinute: 0,
    }),
  );

  it('neither pings, links, opens an HTML comment nor injects a tag', () => {
    const line = markdown.split('\n').find((l) => l.startsWith('From shared property definitions'));
    expect(line).toBeDefined();
    const text = outsideCode(markdown).replace(/<\/?(details|summary|b|sub)>/g, '');
    expect(text).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/m);
    expect(text).not.toMatch(/#\d/);
    expect(text).not.toMatch(/<!--|<img/);
    expect(text).not.toMatch(/https?:\/\//);
    expect(
      line
        ?.replace(/\u200b|\\/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>'),
    ).toContain(title);
  });
});
