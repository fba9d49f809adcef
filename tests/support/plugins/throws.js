// A plugin whose hook throws: the run is "error" with this text, shown as the plugin's.
module.exports = {
  id: 'test-throws',
  name: 'Test: throws',
  version: '0.0.1',
  hooks: {
    'invoice.paid': async () => {
      throw new Error('Spreadsheet quota exceeded');
    },
  },
};
