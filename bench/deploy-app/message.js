exports.message = 'initial';
