import { describe, expect, it } from 'vitest';
import { renderSetup, SETUP_VARIABLES } from '../../../../src/lib/remote-script/index.js';

const render = (t: string) =>
  renderSetup(t, SETUP_VARIABLES, { where: 'login setup', field: 'launch_setup' });
const refusal = (t: string) => {
  try {
    render(t);
  } catch (e) {
    return e as Error & { status: number; details: Array<{ field?: string; line?: number }> };
  }
  throw new Error(`accepted: ${t}`);
};

describe('renderSetup', () => {
  it.each([
    ['unquoted', 'setup x %(version)s', 'setup x "${POMS_VERSION}"'],
    ['glued to a word', '--ds=%(dataset)s.x', '--ds="${POMS_DATASET}".x'],
    ['after export X=', 'export D=%(parameter)s', 'export D="${POMS_DATASET}"'],
    ['in double quotes', 'echo "ds=%(dataset)s!"', 'echo "ds=${POMS_DATASET}!"'],
    ['in single quotes', "echo 'ds=%(dataset)s!'", `echo 'ds='"\${POMS_DATASET}"'!'`],
    ["in $'…'", "echo $'a\\'%(dataset)s\\n'", `echo $'a\\''"\${POMS_DATASET}"$'\\n'`],
    [
      'in $( … ) in double quotes',
      'echo "$(f "%(dataset)s" %(version)s)"',
      'echo "$(f "${POMS_DATASET}" "${POMS_VERSION}")"',
    ],
    [
      'in ${ … }',
      'echo ${X:-%(dataset)s} "${X:-%(dataset)s}"',
      'echo ${X:-"${POMS_DATASET}"} "${X:-${POMS_DATASET}}"',
    ],
    ['a single quote inside double quotes', `echo "it's %(dataset)s"`, 'echo "it\'s ${POMS_DATASET}"'],
    ['a double quote inside single quotes', `echo '"%(dataset)s'`, `echo '"'"\${POMS_DATASET}"''`],
    [
      'a comment',
      "x=1 # it's %(dataset)s\necho '%(group)s'",
      `x=1 # it's "\${POMS_DATASET}"\necho ''"\${POMS_GROUP}"''`,
    ],
    ['not a comment', "a#'%(dataset)s'", `a#''"\${POMS_DATASET}"''`],
    ['%% and escapes', 'date +%%Y \\" %(dataset)s', 'date +%Y \\" "${POMS_DATASET}"'],
    [
      'a here-document',
      "cat <<EOF > f\n'%(dataset)s' \"$(echo %(version)s)\"\nEOF\necho '%(group)s'",
      `cat <<EOF > f\n'\${POMS_DATASET}' "$(echo "\${POMS_VERSION}")"\nEOF\necho ''"\${POMS_GROUP}"''`,
    ],
    [
      'a here-document with <<-',
      'cat <<-END\n\t%(dataset)s\n\tEND\n',
      'cat <<-END\n\t${POMS_DATASET}\n\tEND\n',
    ],
    ['a here-string', 'cat <<< %(dataset)s', 'cat <<< "${POMS_DATASET}"'],
    [
      'a quoted here-document without placeholders',
      "cat <<'EOF'\n100%% $x\nEOF\n%(dataset)s",
      `cat <<'EOF'\n100% $x\nEOF\n"\${POMS_DATASET}"`,
    ],
  ])('%s', (_, template, rendered) => {
    expect(render(template)).toBe(rendered);
  });

  it.each([
    ['a quoted here-document', "x\ncat <<'EOF'\n%(dataset)s\nEOF", 3, 'quoted delimiter'],
    ['arithmetic', 'echo $(( %(version)s + 1 ))', 1, 'inside arithmetic'],
    ['(( … ))', 'x=1\n(( n = %(version)s ))', 2, 'inside arithmetic'],
    ['backquotes', 'echo `echo %(dataset)s`', 1, 'write $( … )'],
    ['after a backslash', 'echo \\%(dataset)s', 1, 'right after a backslash'],
    ['an unclosed quote', "echo '%(dataset)s\nx", 1, "' opened here is never closed"],
    ['an unknown key', 'a\nb %(release)s', 2, "unknown key 'release'"],
    ['a stray %', 'date +%Y %(dataset)s', 1, "stray '%'"],
    ['a placeholder as delimiter', 'cat <<%(dataset)s\nx\n', 1, 'here-document delimiter'],
  ])('refuses a placeholder in %s, naming the line', (_, template, line, text) => {
    const e = refusal(template);
    expect(e.status).toBe(400);
    expect(e.message).toContain(`login setup, line ${line}: `);
    expect(e.message).toContain(text);
    expect(e.details[0]).toMatchObject({ field: 'launch_setup', line });
  });

  it('leaves text without placeholders as it is, even where this reader cannot follow the quoting', () => {
    const odd = "case $x in a) echo ')' ;; esac\necho \"unclosed";
    expect(render(odd)).toBe(odd);
  });
});
