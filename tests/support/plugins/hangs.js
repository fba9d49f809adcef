// A plugin whose hook never returns, busy on the CPU: only killing its process ends it.
module.exports = {
  id: 'test-hangs',
  name: 'Test: hangs',
  version: '0.0.1',
  hooks: {
    'invoice.paid': async () => {
      for (;;) {}
    },
  },
};
