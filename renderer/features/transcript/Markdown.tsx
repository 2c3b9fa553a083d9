import { memo } from 'react';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

const PLUGINS = [remarkGfm];
/** An agent's text may not load anything: images are shown as their alt text. */
const DISALLOWED = ['img'];

/**
 * An agent's message as Markdown (GitHub flavour: tables, task lists, strikethrough). Raw HTML in
 * the text is shown as text, never rendered, and links open outside the app.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={PLUGINS}
        disallowedElements={DISALLOWED}
        unwrapDisallowed
        components={{ a: ({ href, children }) => (
          <a href={href} target="_blank" rel="noreferrer noopener">
            {children}
          </a>
        ) }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});
