import type { ReactElement } from 'react';
import { renderToStaticMarkup as renderBare } from 'react-dom/server';
import { IntlProvider } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { catalogues } from '~/i18n/catalogues';
import { BarChart, Histogram, ScatterChart, StepChart } from './charts';

// Charts speak the page's language: render them as a page would, inside its English catalogue.
const renderToStaticMarkup = (chart: ReactElement) =>
  renderBare(
    <IntlProvider locale="en-US" messages={catalogues.en}>
      {chart}
    </IntlProvider>,
  );

const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

describe('charts', () => {
  it('a scatter plots every point, draws flagged ones as labelled diamonds and lists all in its table', () => {
    const html = renderToStaticMarkup(
      <ScatterChart
        title="Facility and discrimination"
        summary="1 of 3 questions needs a look."
        points={[
          { id: 'a', label: '1', x: 50, y: 40, flagged: false },
          { id: 'b', label: '2', x: 10, y: -20, flagged: true },
          { id: 'c', label: '3', x: 80, y: 30, flagged: false },
        ]}
        x={{ label: 'Facility', domain: [0, 100], bands: [[0, 20]] }}
        y={{ label: 'Discrimination', domain: [-100, 100] }}
        columns={['Question', 'Facility', 'Discrimination', 'Needs a look']}
        format={(v) => `${v}%`}
      />,
    );
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+-t [^"]+-d"/);
    expect(html).toContain('<title id=');
    expect(html).toContain('1 of 3 questions needs a look.</desc>');
    expect(count(html, /<circle /g)).toBe(2);
    expect(count(html, /class="chart-point flagged"/g)).toBe(1);
    // x = 10% on 56..624 px is 112.8; y = -20% on 312..16 px is 193.6: the diamond's top is 7 px above.
    expect(html).toContain('M112.8 186.6');
    expect(html).toContain('<th scope="row">2</th><td>10%</td><td>-20%</td><td>Yes</td>');
    expect(html).toContain('<figcaption class="chart-title">Facility and discrimination</figcaption>');
    expect(html).not.toMatch(/style=/);
  });

  it('bars are as long as their value and say it in words and in the table', () => {
    const html = renderToStaticMarkup(
      <BarChart
        title="Readiness"
        summary="Two areas."
        bars={[
          { label: 'Ethics', value: 50, text: '50%' },
          { label: 'Boundaries', value: 100, text: '100%', emphasis: true },
        ]}
        max={100}
        columns={['Area', 'Estimate']}
      />,
    );
    // 220..568 px for 0..100: 50% is 174 px wide, 100% is 348.
    expect(html).toContain('width="174"');
    expect(html).toContain('width="348"');
    expect(html).toContain('<th scope="row">Ethics</th><td>50%</td>');
    expect(html).toContain('class="chart-bar emphasis"');
  });

  it('a histogram has a column per bin, the pass mark line, and counts in its table', () => {
    const html = renderToStaticMarkup(
      <Histogram
        title="Scores"
        summary="3 attempts."
        bins={[
          { from: 0, to: 50, count: 1 },
          { from: 50, to: 100, count: 2 },
        ]}
        xLabel="Score (%)"
        marker={{ value: 70, label: 'Pass mark 70%' }}
        binLabel={(b) => `${b.from}% to ${b.to}%`}
        columns={['Score', 'Attempts']}
      />,
    );
    expect(html).toContain('Pass mark 70%');
    expect(html).toContain('<th scope="row">50% to 100%</th><td>2</td>');
    expect(count(html, /class="chart-bar"/g)).toBe(2);
  });

  it('a step chart ends each series with its last value and keeps the rows as a table', () => {
    const html = renderToStaticMarkup(
      <StepChart
        title="Units over time"
        summary="Average 1.5."
        series={[
          {
            name: 'Average units',
            points: [
              { x: 0, y: 0 },
              { x: 86_400_000, y: 1.5 },
            ],
          },
        ]}
        xLabel={(x) => (x === 0 ? 'Nov 1' : 'Nov 2')}
        yLabel="Units per trainee"
        yMax={13}
        columns={['Day', 'Average']}
        rows={[{ label: 'Nov 2', values: ['1.5'] }]}
      />,
    );
    expect(html).toContain('Average units: 1.5');
    expect(html).toContain('<th scope="row">Nov 2</th><td>1.5</td>');
    expect(html).toMatch(/<path d="M48 184H520V[\d.]+H520"/);
  });
});
