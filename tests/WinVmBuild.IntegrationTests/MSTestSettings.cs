// VMs under TCG share two cores: one at a time keeps timeouts meaningful.
[assembly: DoNotParallelize]
