process.stdout.write('publishing-engine\n');
