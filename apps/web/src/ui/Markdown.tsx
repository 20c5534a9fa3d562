import type { ComponentPropsWithoutRef, ReactNode } from 'react';
import Markdown, { type Components, defaultUrlTransform } from 'react-markdown';

/**
 * A message's markdown, rendered safely: react-markdown builds React elements (never HTML strings), shows
 * raw HTML in the text as text (no rehype-raw), and its default URL transform empties every URL that is not
 * http(s), mailto, irc or xmpp (so no `javascript:`). On top of that:
 *  - links open in a new tab without giving it this page (`noopener noreferrer`); a link whose URL was
 *    refused is plain text;
 *  - images are not loaded (the CSP would refuse other origins anyway, and an image can track its reader):
 *    they become links to their address;
 *  - headings become strong paragraphs, so that a message never adds to the page's outline.
 */
function SafeLink({ href, children, title }: ComponentPropsWithoutRef<'a'>) {
  if (!href) return <span className="md__dead-link">{children}</span>;
  return (
    <a href={href} title={title} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

function ImageAsLink({ src, alt }: ComponentPropsWithoutRef<'img'>) {
  const address = typeof src === 'string' ? src : '';
  const label = alt || address;
  if (!address) return <span>{label}</span>;
  return (
    <a href={address} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  );
}

function Heading({ children }: { children?: ReactNode }) {
  return <p className="md__heading">{children}</p>;
}

const COMPONENTS: Components = {
  a: SafeLink,
  img: ImageAsLink,
  h1: Heading,
  h2: Heading,
  h3: Heading,
  h4: Heading,
  h5: Heading,
  h6: Heading,
};

export function MessageMarkdown({ body }: { body: string }) {
  return (
    <div className="md">
      <Markdown components={COMPONENTS} urlTransform={defaultUrlTransform} skipHtml={false}>
        {body}
      </Markdown>
    </div>
  );
}
