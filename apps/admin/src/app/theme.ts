import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A calm petrol blue: readable on white, distinct from the red/orange/teal status colours.
const brand: MantineColorsTuple = [
  '#e8f5f9',
  '#d3e8ef',
  '#a3cfdf',
  '#70b5cf',
  '#489fc1',
  '#2f91b8',
  '#1f89b5',
  '#0f769f',
  '#00698f',
  '#005b7e',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: { light: 7, dark: 5 },
  colors: { brand },
  defaultRadius: 'md',
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '600' },
  components: {
    Paper: { defaultProps: { shadow: undefined } },
    Table: { defaultProps: { striped: false } },
  },
});
