import { Anchor, Typography, type TypographyProps } from '@mantine/core';
import Markdown, { type Components } from 'react-markdown';
import classes from './MarkdownView.module.css';

/**
 * Renders notes written in Markdown. react-markdown's defaults are kept on
 * purpose: raw HTML is shown as text, never rendered, and unsafe link
 * protocols are dropped. That is the sanitization.
 */
const components: Components = {
  a: ({ href, children }) => (
    <Anchor href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </Anchor>
  ),
};

export function MarkdownView({ children, ...props }: { children: string } & TypographyProps) {
  return (
    <Typography fz="sm" className={classes.markdown} {...props}>
      <Markdown components={components}>{children}</Markdown>
    </Typography>
  );
}
