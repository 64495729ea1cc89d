import{a,b}from"./chunk-JEMNDECD.js";import"./chunk-6CMV5MDJ.js";export{a as pretty,b as render};
