import { describe, expect, it } from 'vitest';
import { minifyCss, minifyCssTemplates } from './css-templates.mjs';

const ID = '/repo/packages/elements/src/demo/demo.styles.ts';

function run(code: string, id = ID) {
  const warnings: string[] = [];
  const plugin = minifyCssTemplates();
  const transform = plugin.transform as (
    this: { warn(message: string): void },
    code: string,
    id: string,
  ) => { code: string; map: { mappings: string } } | null;
  const result = transform.call({ warn: (m: string) => void warnings.push(m) }, code, id);
  return { result, warnings };
}

describe('minifyCss', () => {
  it('writes the same rules shorter', () => {
    const min = minifyCss(`
:host { display: block; color: var(--x, #1d232a) }
.a  >  .b { margin: 0 0 0 0 }
`);
    expect(min).toBe(':host{color:var(--x,#1d232a);display:block}.a>.b{margin:0}');
  });

  it('gives undefined for CSS it cannot read cleanly', () => {
    expect(minifyCss('.a { color: red } }')).toBeUndefined();
    expect(minifyCss('.a { color: red; @@ }')).toBeUndefined();
  });
});

describe('minifyCssTemplates', () => {
  it("minifies the elements' css templates and maps the result back", () => {
    const code =
      'import { css } from "lit";\nexport const styles = css`\n.a { color: red }\n.b { color: blue }\n`;\nexport const x = 1;\n';
    const { result } = run(code);
    expect(result!.code).toBe(
      'import { css } from "lit";\nexport const styles = css`.a{color:red}.b{color:#00f}`;\nexport const x = 1;\n',
    );
    expect(result!.map.mappings).not.toBe('');
  });

  it('leaves interpolated, escaped and unreadable templates, tests and other packages alone', () => {
    expect(run('const s = css`.a { width: ${w}px }`;').result).toBeNull();
    expect(run("const s = css`.a::before { content: '\\\\201C' }`;").result).toBeNull();
    expect(run('const s = css`.a { color: red }`;', '/repo/packages/elements/src/demo/demo.test.ts').result).toBeNull();
    expect(run('const s = css`.a { color: red }`;', '/repo/packages/client/src/x.ts').result).toBeNull();
    const bad = run('const s = css`.a { color: red } }`;');
    expect(bad.result).toBeNull();
    expect(bad.warnings[0]).toMatch(/could not be minified/);
  });
});
