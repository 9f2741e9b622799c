import { Badge, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  respectReducedMotion: true,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  components: {
    // A badge says a status: it never shrinks into an ellipsis inside a tight table column.
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }),
    Table: { defaultProps: { verticalSpacing: 'xs', highlightOnHover: true } },
  },
});
