// A plugin that takes its process down (process.exit in a hook) and one that runs out of memory.
module.exports = {
  id: 'test-exits',
  name: 'Test: exits',
  version: '0.0.1',
  hooks: {
    'invoice.paid': async () => {
      process.exit(3);
    },
    'user.created': async () => {
      const hog = [];
      for (;;) hog.push(new Array(1e6).fill(hog.length));
    },
  },
};
