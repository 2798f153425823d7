import type { SafeBlock, SafeInline } from '~/domain/safe-markdown';

// Renders the safe tree made by app/domain/safe-markdown.ts as React elements: every string is
// text to React (escaped), and links are only https: or mailto:, checked when the tree was made.

function Inline({ nodes }: { nodes: SafeInline[] }) {
  return (
    <>
      {nodes.map((n, i) => {
        const key = i;
        switch (n.t) {
          case 'text':
            return <span key={key}>{n.v}</span>;
          case 'code':
            return <code key={key}>{n.v}</code>;
          case 'br':
            return <br key={key} />;
          case 'strong':
            return (
              <strong key={key}>
                <Inline nodes={n.c} />
              </strong>
            );
          case 'em':
            return (
              <em key={key}>
                <Inline nodes={n.c} />
              </em>
            );
          default:
            return (
              <a key={key} href={n.href} rel="noopener noreferrer nofollow">
                <Inline nodes={n.c} />
              </a>
            );
        }
      })}
    </>
  );
}

export function SafeMarkdown({ tree }: { tree: SafeBlock[] }) {
  return (
    <>
      {tree.map((b, i) => {
        const key = i;
        if (b.t === 'p') {
          return (
            <p key={key}>
              <Inline nodes={b.c} />
            </p>
          );
        }
        const List = b.t;
        return (
          <List key={key}>
            {b.items.map((item, j) => (
              <li key={j}>
                <SafeMarkdown tree={item} />
              </li>
            ))}
          </List>
        );
      })}
    </>
  );
}
